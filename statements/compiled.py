"""Queries whose shape never changes but for a list of ids, compiled by the ORM once.

A timeline page looks up its 30 cards' columns, topics and armed groups by id. Django builds
and compiles each such queryset afresh on every request, and for these the compiling took
longer than PostgreSQL took to answer them (docs/benchmarks.md). :class:`ByIds` lets the ORM
write the SQL once per database and number of ids, then runs it with the ids filled in and
converts the values exactly as the ORM would (dates on SQLite, say).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet

# Stand-ins for the ids while compiling: no real id is negative, and no constant of these
# queries comes near them.
_SENTINEL = -(2**40)


class ByIds:
    """``build(ids)`` (a ``values_list`` queryset filtered by those ids), compiled once for
    each database and number of ids. ``rows(ids)`` returns what ``list(build(ids))`` would,
    as tuples, in the database's order."""

    def __init__(self, build: Callable[[list[int]], QuerySet]) -> None:
        self.build = build
        self._compiled: dict[tuple[str, int], tuple[str, list, list[tuple[int, int]], list]] = {}

    def rows(self, ids: Sequence[int], using: str = DEFAULT_DB_ALIAS) -> list[tuple]:
        if not ids:
            return []
        key = (using, len(ids))
        compiled = self._compiled.get(key) or self._compile(*key)
        sql, params, slots, converters = compiled
        params = list(params)
        for position, index in slots:
            params[position] = ids[index]
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            found = cursor.fetchall()
        if not converters:
            return [tuple(row) for row in found]
        return [_converted(row, converters, connection) for row in found]

    def _compile(self, using: str, count: int) -> tuple:
        sentinels = [_SENTINEL - i for i in range(count)]
        compiler = self.build(sentinels).query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        index = {sentinel: i for i, sentinel in enumerate(sentinels)}
        # Where each id goes among the parameters (a union of two queries takes them twice).
        slots = [(pos, index[p]) for pos, p in enumerate(params) if type(p) is int and p in index]
        if {i for _, i in slots} != set(range(count)):
            raise ValueError(f"the ids are not all among the query's parameters: {sql}")
        fields = [selected[0] for selected in compiler.select[: compiler.col_count]]
        converters = [
            (pos, convs, expression)
            for pos, (convs, expression) in compiler.get_converters(fields).items()
        ]
        compiled = (sql, list(params), slots, converters)
        self._compiled[(using, count)] = compiled
        return compiled


def _converted(row: Sequence[Any], converters: list, connection: Any) -> tuple:
    values = list(row)
    for pos, convs, expression in converters:
        value = values[pos]
        for convert in convs:
            value = convert(value, expression, connection)
        values[pos] = value
    return tuple(values)
