"""The ``geomap`` command: Unix-style subcommands, data on stdout, messages on stderr.

Exit codes: 0 ok, 1 error (one line on stderr, no traceback), 2 usage error,
3 partial success (some input records failed; the good ones were written), 130 interrupted.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import os
import sys

import click

from geomap import __version__
from geomap.errors import GeomapError

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3
EXIT_INTERRUPTED = 130

# name -> "module:attribute"; each subcommand lives in its own module (the fio pattern).
_COMMANDS = {
    "run": "geomap.cli.run:run",
    "geoparse": "geomap.cli.geoparse:geoparse",
    "export": "geomap.cli.export:export",
    "eval": "geomap.cli.evaluate:evaluate",
    "gazetteer": "geomap.cli.gazetteer:gazetteer",
    "map": "geomap.cli.map:map_command",
}


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(n for n, t in _COMMANDS.items() if importlib.util.find_spec(t.split(":")[0]))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = _COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(module), attr)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="geomap")
def cli() -> None:
    """geomap: find the places news articles name, turn reported incidents into located,
    dated, counted events, and write GeoJSON, CSV and an offline interactive map.

    \b
    Typical use:
      geomap run seeds/ -o outputs/        whole pipeline, map + GeoJSON + CSV
      geomap geoparse docs.jsonl > out.jsonl   places only, JSON Lines in and out
      geomap export seeds/ -o events.gpkg    events as GeoPackage (.geojson .csv .parquet ...)
      geomap export seeds/ | jq .         events as GeoJSON on stdout
      geomap gazetteer search Dushanbe     look a name up in the gazetteer

    Use '-' for stdin/stdout. Progress goes to stderr. Exit codes: 0 ok, 1 error,
    2 usage error, 3 some input records failed (the rest were written), 130 interrupted.
    """


def message_line(message: str) -> None:
    """Print one ``geomap: ...`` line on stderr, the way every message goes out.

    Messages quote file names, ids and values from the input: their control characters are
    shown as escapes (:func:`geomap.terminal.visible`), so they cannot drive the terminal or
    forge a second line.
    """
    from geomap.terminal import visible

    click.echo(f"geomap: {visible(message)}", err=True)


def error_line(message: str) -> None:
    """Print one error line on stderr."""
    message_line(f"error: {message}")


def _show_click_error(exc: click.exceptions.ClickException) -> None:
    """click's own message (usage and all), its quoted arguments made visible."""
    from geomap.terminal import visible

    exc.message = visible(exc.message)
    exc.show()


def main(argv: list[str] | None = None) -> None:
    """Console entry point: never shows a traceback for expected errors.

    SIGTERM and SIGHUP are handled like Ctrl-C (KeyboardInterrupt): temporary files are
    removed, finished outputs stay complete, and the exit code is 130.
    """
    from geomap.resume import install_signal_handlers

    install_signal_handlers()
    try:
        rv = cli.main(args=argv, prog_name="geomap", standalone_mode=False)
    except SystemExit as exc:
        # click turns a broken stdout pipe into a silent exit 1 (and pacifies the streams);
        # a reader that stops early (`| head`) is not a failure of ours
        if exc.code == 1 and type(sys.stdout).__name__.endswith("PacifyFlushWrapper"):
            sys.exit(EXIT_OK)
        raise
    except click.exceptions.Abort:
        error_line("interrupted")
        sys.exit(EXIT_INTERRUPTED)
    except KeyboardInterrupt:
        error_line("interrupted")
        sys.exit(EXIT_INTERRUPTED)
    except click.exceptions.UsageError as exc:
        _show_click_error(exc)
        sys.exit(EXIT_USAGE)
    except click.exceptions.ClickException as exc:
        _show_click_error(exc)
        sys.exit(exc.exit_code)
    except GeomapError as exc:
        error_line(str(exc))
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        # stdout's reader went away (`geomap export ... | head`): stop quietly, as Unix tools do;
        # point stdout at /dev/null so the interpreter's final flush cannot complain
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_OK)
    except MemoryError:
        error_line("out of memory")
        sys.exit(EXIT_ERROR)
    except OSError as exc:
        error_line(f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else ""))
        sys.exit(EXIT_ERROR)
    except Exception as exc:  # last resort: one line, traceback only on request
        if os.environ.get("GEOMAP_DEBUG"):
            raise
        error_line(f"internal error: {type(exc).__name__}: {exc} (set GEOMAP_DEBUG=1 for details)")
        sys.exit(EXIT_ERROR)
    sys.exit(rv if isinstance(rv, int) else EXIT_OK)
