from django.contrib import admin

from orgs.models import Cluster, ExecutorAlias, Membership, Organization, Person, UserRole
from parsing.executors import normalize_name


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["organization"]


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ["short_name", "name", "region", "industry"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [MembershipInline]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["short_name", "full_name", "kind", "is_demo"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["short_name", "full_name"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "position", "organization", "user"]
    search_fields = ["full_name", "position", "organization__short_name"]
    autocomplete_fields = ["organization", "user"]


@admin.register(UserRole)
class UserRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "cluster", "kind", "organization"]
    list_filter = ["cluster", "kind"]
    autocomplete_fields = ["user", "organization"]


@admin.register(ExecutorAlias)
class ExecutorAliasAdmin(admin.ModelAdmin):
    list_display = ["phrase", "cluster"]
    list_filter = ["cluster"]
    search_fields = ["phrase"]
    filter_horizontal = ["organizations"]

    def save_model(self, request, obj, form, change):
        obj.normalized = normalize_name(obj.phrase)
        super().save_model(request, obj, form, change)
