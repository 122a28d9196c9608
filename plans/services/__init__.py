"""Writes on plans: importing a document, editions (revisions and edits), next year's draft.

Every function here is keyword-only and atomic; reads live in plans.selectors.
"""

from plans.services.creation import objective_create, plan_create
from plans.services.editions import (
    activity_create,
    activity_remove,
    activity_update,
    plan_revision_apply,
    plan_revision_preview,
    plan_snapshot,
)
from plans.services.execution import execution_of, obligations_execution_set
from plans.services.history import edition_snapshot
from plans.services.imports import (
    ActivityPreview,
    ObjectivePreview,
    PlanPreview,
    activity_fields,
    plan_import,
    plan_preview,
    window_for,
)
from plans.services.rollover import plan_approve, plan_rollover, plan_rollover_preview

__all__ = [
    "ActivityPreview",
    "ObjectivePreview",
    "PlanPreview",
    "activity_create",
    "activity_fields",
    "activity_remove",
    "activity_update",
    "edition_snapshot",
    "execution_of",
    "objective_create",
    "obligations_execution_set",
    "plan_approve",
    "plan_create",
    "plan_import",
    "plan_preview",
    "plan_revision_apply",
    "plan_revision_preview",
    "plan_rollover",
    "plan_rollover_preview",
    "plan_snapshot",
    "window_for",
]
