"""The exception tree: every class survives pickling (the way errors cross worker processes)
with its message, arguments, attributes and ``fatal`` flag."""

from __future__ import annotations

import errno
import inspect
import pickle

import pytest

from geomap import errors
from geomap.errors import GeomapError

EXAMPLES: dict[type[GeomapError], GeomapError] = {
    errors.GeomapError: errors.GeomapError("something failed"),
    errors.InputError: errors.InputError("not JSON", path="in.jsonl", line=7),
    errors.ArticleFailed: errors.ArticleFailed("a-1", "TypeError: text is not a string"),
    errors.GazetteerError: errors.GazetteerError("gz.sqlite: file is not a database"),
    errors.GazetteerNotFound: errors.GazetteerNotFound(errno.ENOENT, "no gazetteer", "gz.sqlite"),
    errors.BorderError: errors.BorderError("TJ and FR share no land border in Natural Earth"),
    errors.DataError: errors.DataError("borders data unreadable"),
    errors.OutputError: errors.OutputError("out/events.csv: no space left on device"),
    errors.ConfigurationError: errors.ConfigurationError("unknown recognizer 'x'"),
    errors.WorkerError: errors.WorkerError("worker processes died 6 times; giving up"),
}

FATAL = {errors.GazetteerError, errors.GazetteerNotFound, errors.DataError, errors.OutputError,
         errors.ConfigurationError, errors.WorkerError}


def test_every_error_class_has_an_example() -> None:
    classes = {c for _, c in inspect.getmembers(errors, inspect.isclass)
               if issubclass(c, GeomapError) and c.__module__ == errors.__name__}
    assert classes == set(EXAMPLES)


@pytest.mark.parametrize("cls", list(EXAMPLES), ids=lambda c: c.__name__)
def test_error_round_trips_through_pickle(cls: type[GeomapError]) -> None:
    exc = EXAMPLES[cls]
    exc.extra_note = "kept"  # an attribute set after construction travels too
    back = pickle.loads(pickle.dumps(exc))
    assert type(back) is cls
    assert str(back) == str(exc) and back.args == exc.args
    assert vars(back) == vars(exc) and back.extra_note == "kept"
    assert back.fatal is (cls in FATAL) and back.exit_code == exc.exit_code
    if isinstance(exc, OSError):
        assert (back.errno, back.strerror, back.filename) == (exc.errno, exc.strerror,
                                                              exc.filename)


def test_keyword_only_attributes_survive() -> None:
    back = pickle.loads(pickle.dumps(errors.InputError("bad line", path="f.jsonl", line=3)))
    assert (back.path, back.line, back.message) == ("f.jsonl", 3, "bad line")
    assert str(back) == "f.jsonl:3: bad line"
    back = pickle.loads(pickle.dumps(errors.ArticleFailed("a-9", "KeyError: 'x'")))
    assert (back.article_id, back.error) == ("a-9", "KeyError: 'x'")


def test_fatal_is_a_class_attribute_subclasses_inherit() -> None:
    assert errors.GazetteerNotFound.fatal and isinstance(errors.GazetteerNotFound("x"),
                                                         FileNotFoundError)
    assert not errors.InputError.fatal and not errors.ArticleFailed.fatal
