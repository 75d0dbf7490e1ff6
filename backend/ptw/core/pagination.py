"""Page-number pagination: `page` (from 1; past the last page 404), `page_size` (default 25, at most 100).

Counted up to a bound, paged up to the same bound: a list's cost does not grow with the project's history.
Up to `PTW_LIST_COUNT_LIMIT` matching rows (default 10,000) `count` is exact and `count_exact` true; beyond it
`count` is the bound and `count_exact` false (the UI shows "10,000+"), and only the pages within the bound
can be asked for (a deeper `page` is a 400 naming `page`: narrow the filters or reverse the order). A view may
set a lower bound for some requests (`count_bound(request)`): a text search counts to `PTW_SEARCH_COUNT_LIMIT`
(default 200), since counting the matches of a common word reads every match. A view may also name other rows, as
many as its list's and cheaper to count (`counted`, set when it filters): the permits of a person's open tasks are
counted from the tasks' index.
"""

from __future__ import annotations

from functools import cached_property, partial
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from ptw.core.errors import InvalidInput
from ptw.core.query import whole_number

MAX_PAGE_SIZE = 100


def count_limit() -> int:
    return int(settings.PTW_LIST_COUNT_LIMIT)


def search_count_limit() -> int:
    return int(settings.PTW_SEARCH_COUNT_LIMIT)


class BoundedPaginator(Paginator):
    """A paginator that counts at most `bound` rows (`count_limit()` unless given): COUNT over a LIMITed subquery,
    one query."""

    def __init__(
        self,
        *args: Any,
        bound: int | None = None,
        counted: QuerySet[Any] | None = None,
        ids_first: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.bound = bound
        self.counted = counted  # rows as many as the list's, cheaper to count (None: the list's own)
        self.ids_first = ids_first  # the first page's ids read first too (see `page`)

    @cached_property
    def _bounded(self) -> tuple[int, bool]:
        limit = self.bound or count_limit()
        rows = self.object_list if self.counted is None else self.counted
        found = rows.order_by()[: limit + 1].count() if isinstance(rows, QuerySet) else len(rows)
        return min(found, limit), found <= limit

    @cached_property
    def count(self) -> int:
        return self._bounded[0]

    @property
    def count_exact(self) -> bool:
        return self._bounded[1]

    def page(self, number: Any) -> Page:
        """A page; past the first, its ids are read first (the rows skipped are walked in the ordering's index
        alone), then its rows by those ids. Two queries, not `id IN (subquery)`: a list row joins a dozen tables,
        past PostgreSQL's join_collapse_limit, and the planner then joined every permit before the subquery.

        With `ids_first` (a filtered permit list) the first page too: asked for whole rows, PostgreSQL weighs the
        cost of reading each row from the table, and for a filter that matches many rows it chose an index in the
        table's physical order and filtered it over rows that the filter's own index skips (a filter by `completed`,
        a third of the permits but none of the newest: 5,800 rows read for 25, 4 ms at 100k permits); asked for ids
        it reads the filter's index alone (0.05 ms)."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        rows = self.object_list
        ids_first = bottom or self.ids_first
        if ids_first and isinstance(rows, QuerySet) and not (rows.query.distinct or rows.query.combinator):
            ids = list(rows.values_list("pk", flat=True)[bottom:top])
            return Page(rows.filter(pk__in=ids), number, self)
        return Page(rows[bottom:top], number, self)


class PagePagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    django_paginator_class = BoundedPaginator

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> Any:
        # This request's paginator (one pagination per request), with the view's bound and rows to count.
        count_bound = getattr(view, "count_bound", None)
        bound = count_bound(request) if count_bound is not None else None
        counted = getattr(view, "counted", None)
        ids_first = bool(getattr(view, "ids_first", False))
        if bound is not None or counted is not None or ids_first:
            self.django_paginator_class = partial(  # type: ignore[assignment]
                BoundedPaginator, bound=bound, counted=counted, ids_first=ids_first
            )
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        size = whole_number(raw, low=1, high=MAX_PAGE_SIZE)
        if size is None:
            raise InvalidInput(fields={"page_size": [f"Must be a whole number from 1 to {MAX_PAGE_SIZE}."]})
        return size

    def get_page_number(self, request: Request, paginator: Paginator) -> str:
        raw = request.query_params.get(self.page_query_param)
        if raw is None:
            return "1"
        number = whole_number(raw, low=1)
        if number is None:
            raise InvalidInput(fields={"page": ["Must be a whole number from 1."]})
        if isinstance(paginator, BoundedPaginator) and not paginator.count_exact and number > paginator.num_pages:
            raise InvalidInput(
                fields={
                    "page": [
                        f"Only the first {paginator.count:,} rows can be paged through: "
                        "narrow the filters or reverse the order."
                    ]
                }
            )
        return raw

    def get_paginated_response(self, data: Any) -> Response:
        assert self.page is not None
        paginator = self.page.paginator
        return Response(
            {
                "count": paginator.count,
                "count_exact": getattr(paginator, "count_exact", True),
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        response = super().get_paginated_response_schema(schema)
        response["required"] = ["count", "count_exact", "results"]
        response["properties"] = {
            "count": {
                **response["properties"]["count"],
                "description": "Rows matching, exact up to the list's count bound (10,000 by default); "
                "beyond it, the bound.",
            },
            "count_exact": {
                "type": "boolean",
                "description": "False when more rows match than the bound: `count` is then a lower bound "
                "and only the pages within it can be asked for (a deeper `page` is a 400).",
            },
            **{key: value for key, value in response["properties"].items() if key != "count"},
        }
        return response
