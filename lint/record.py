"""Record classes: what this project would use dataclasses for, without their start-up cost.

A record's fields are its annotated class attributes (not `ClassVar`s), a base class's first,
with their defaults, as in a dataclass:

    class Fix(Record, frozen=True):
        start: int
        end: int
        replacement: str
        safe: bool = True
        edits: list = field(default_factory=list, compare=False)

`Fix(1, 2, "x")` or `Fix(start=1, end=2, replacement="x")` sets them, then calls
`__post_init__` if the class has one. Records compare equal (`==`) when their compared
fields are, show them in `repr`, and `replace(record, field=value)` makes a changed copy.
A frozen record refuses assignment (`FrozenInstanceError`) and hashes by its compared
fields; others are not hashable, as with dataclasses. A class may write any of the methods
itself (the hot ones do: `model.Finding`).

Why not dataclasses: Python 3.11 compiles every generated method of every dataclass when
the module is imported: for the two dozen records a run imports that was about 20 ms, and
importing `dataclasses` (which imports `inspect`) about 11 ms more, in every run. These
methods are ordinary code, compiled once into the .pyc files. Measured on the two-draft
pre-commit call against the same code on real dataclasses, they save about 40 ms of a call
that takes about 100 ms, which is why they are kept: the numbers and the reasoning are in
docs/architecture.md ("Record classes: kept"). Replace them only with something as cheap.
"""

from __future__ import annotations

import typing
from typing import Any, Callable, ClassVar, Dict, Optional, Tuple


class FrozenInstanceError(AttributeError):
    """Assigning to a field of a frozen record."""


_MISSING = object()


class _Field:
    __slots__ = ("default", "factory", "compare")

    def __init__(self, default, factory, compare: bool):
        self.default, self.factory, self.compare = default, factory, compare


def field(*, default: Any = _MISSING, default_factory: Callable = _MISSING, compare: bool = True) -> Any:
    """A field with a default made fresh for each record (`default_factory`), or one left out
    of `==`, hashing and ordering (`compare=False`)."""
    return _Field(default, default_factory, compare)


class Record:
    # the fields in order (a base class's first), their defaults and default factories, and
    # those that `==` and hashing compare
    _fields: ClassVar[Tuple[str, ...]] = ()
    _defaults: ClassVar[Dict[str, Any]] = {}
    _factories: ClassVar[Dict[str, Callable]] = {}
    _compared: ClassVar[Tuple[str, ...]] = ()
    _frozen: ClassVar[bool] = False
    _field_set: ClassVar[frozenset] = frozenset()
    _post_init: ClassVar[Optional[Callable]] = None
    _noun: ClassVar[str] = "argument"  # what an error message calls a field

    def __init_subclass__(cls, frozen: bool = False, **kwargs):
        super().__init_subclass__(**kwargs)
        fields, compared = list(cls._fields), list(cls._compared)
        defaults, factories = dict(cls._defaults), dict(cls._factories)
        for name, annotation in cls.__dict__.get("__annotations__", {}).items():
            if _is_class_var(annotation):
                continue
            if name not in fields:
                fields.append(name)
            defaults.pop(name, None)
            factories.pop(name, None)
            value = cls.__dict__.get(name, _MISSING)
            compare = True
            if isinstance(value, _Field):
                compare = value.compare
                value = value.default
                if cls.__dict__[name].factory is not _MISSING:
                    factories[name] = cls.__dict__[name].factory
                if value is _MISSING:
                    delattr(cls, name)  # a required field: no class attribute stands in for it
                else:
                    setattr(cls, name, value)
            if value is not _MISSING:
                defaults[name] = value
            if compare and name not in compared:
                compared.append(name)
            elif not compare and name in compared:
                compared.remove(name)
        cls._fields, cls._compared = tuple(fields), tuple(f for f in fields if f in compared)
        cls._defaults, cls._factories = defaults, factories
        cls._frozen = frozen or cls._frozen
        cls._field_set = frozenset(fields)
        cls._post_init = getattr(cls, "__post_init__", None)
        if "__hash__" not in cls.__dict__:
            # as a dataclass: frozen records hash by value, others (mutable) do not hash
            cls.__hash__ = Record.__hash__ if cls._frozen else None  # type: ignore[assignment]
        if cls._frozen:  # only there: a mutable record's assignments stay plain and fast
            cls.__setattr__ = _refuse_assignment  # type: ignore[assignment]
            cls.__delattr__ = _refuse_deletion  # type: ignore[assignment]

    def __init__(self, *args, **kwargs):
        cls = self.__class__
        if args:
            if len(args) > len(cls._fields):
                raise TypeError(f"{cls.__name__}() takes {len(cls._fields)} arguments, {len(args)} given")
            for name, value in zip(cls._fields, args):
                if name in kwargs:
                    raise TypeError(f"{cls.__name__}() got multiple values for argument {name!r}")
                kwargs[name] = value
        values = {**cls._defaults, **kwargs}
        for name, factory in cls._factories.items():
            if name not in kwargs:
                values[name] = factory()
        if values.keys() != cls._field_set:
            cls._refuse(values)
        self.__dict__.update(values)  # as a frozen dataclass does, around its own __setattr__
        if cls._post_init is not None:
            self.__post_init__()

    @classmethod
    def _refuse(cls, values) -> None:
        for name in values:
            if name not in cls._field_set:
                raise TypeError(f"{cls.__name__}() got an unexpected keyword argument {name!r}")
        for name in cls._fields:
            if name not in values:
                raise TypeError(f"{cls.__name__}() missing required {cls._noun} {name!r}")

    def _values(self) -> tuple:
        return tuple([getattr(self, name) for name in self._compared])

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self):
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({shown})"


def _refuse_assignment(self, name, value):
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_deletion(self, name):
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def replace(record: Record, **changes) -> Record:
    """A copy of `record` with `changes` (as `dataclasses.replace`: through `__init__`)."""
    values = {name: getattr(record, name) for name in record._fields}
    unknown = [name for name in changes if name not in values]
    if unknown:
        raise TypeError(f"{type(record).__name__} has no field {unknown[0]!r}")
    values.update(changes)
    return type(record)(**values)


def _is_class_var(annotation) -> bool:
    # annotations are strings here (`from __future__ import annotations`), as dataclasses reads them
    if isinstance(annotation, str):
        return annotation.startswith(("ClassVar", "typing.ClassVar"))
    return typing.get_origin(annotation) is ClassVar
