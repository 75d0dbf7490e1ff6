"""Page-number pagination: `page` (from 1; past the last page 404), `page_size` (default 25, at most 100)."""

from __future__ import annotations

from django.core.paginator import Paginator
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request

from ptw.core.errors import InvalidInput
from ptw.core.query import whole_number

MAX_PAGE_SIZE = 100


class PagePagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

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
        if whole_number(raw, low=1) is None:
            raise InvalidInput(fields={"page": ["Must be a whole number from 1."]})
        return raw
