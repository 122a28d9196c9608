"""Pure-Python readers of plan documents and Russian deadline phrases.

Nothing here imports Django: inputs in, frozen dataclasses out, the reference date is always an
argument. The Django apps (plans, documents) wire these readers to the database.
"""
