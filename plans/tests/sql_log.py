"""Every SQL statement a block runs, for tests that weigh what a page reads or an edit writes."""

from __future__ import annotations

from django.db import connection


class SqlLog:
    """`with SqlLog() as log:` records (sql, params) of each statement the block executes."""

    def __init__(self):
        self.statements: list[tuple[str, tuple]] = []

    def __call__(self, execute, sql, params, many, context):
        self.statements.append((sql, tuple(params or ())))
        return execute(sql, params, many, context)

    def __enter__(self):
        self.wrapper = connection.execute_wrapper(self)
        self.wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        self.wrapper.__exit__(*exc)

    def selects(self) -> list[tuple[str, tuple]]:
        return [(sql, p) for sql, p in self.statements if sql.lstrip().upper().startswith("SELECT")]

    def rows(self) -> list[tuple[int, str]]:
        """How many rows each SELECT returns (each counted again after the block)."""
        counted = []
        with connection.cursor() as cursor:
            for sql, params in self.selects():
                cursor.execute(f"SELECT COUNT(*) FROM ({sql}) AS counted", params)
                counted.append((cursor.fetchone()[0], sql[:200]))
        return counted

    def bytes_written(self) -> int:
        """Size of every value sent by INSERT and UPDATE statements."""
        return sum(
            len(str(value).encode())
            for sql, params in self.statements
            if sql.lstrip().upper().startswith(("INSERT", "UPDATE"))
            for value in params
        )

    def bytes_read(self) -> int:
        """Size of every value the SELECTs returned (each run again to measure it)."""
        total = 0
        with connection.cursor() as cursor:
            for sql, params in self.selects():
                cursor.execute(sql, params)
                total += sum(len(str(v).encode()) for row in cursor.fetchall() for v in row)
        return total
