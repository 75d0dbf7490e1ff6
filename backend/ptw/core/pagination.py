"""Page-number pagination: `page`, `page_size` (default 25, at most 100)."""

from __future__ import annotations

from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request

from ptw.core.errors import InvalidInput

MAX_PAGE_SIZE = 100


class PagePagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE_SIZE:
            raise InvalidInput(fields={"page_size": [f"Must be a whole number from 1 to {MAX_PAGE_SIZE}."]})
        return int(raw)
