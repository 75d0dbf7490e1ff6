"""A file storage named in settings.STORAGES, looked up on every call: configuration (local disk or S3-compatible
object storage) decides where files live, and a model field keeps only the alias."""

from __future__ import annotations

from typing import IO, Any

from django.core.files.storage import Storage, storages
from django.utils.deconstruct import deconstructible


@deconstructible
class NamedStorage(Storage):
    """Delegates to `storages[alias]`. It has no URL: its files are served only through the API, never directly."""

    def __init__(self, alias: str) -> None:
        self.alias = alias

    @property
    def target(self) -> Storage:
        return storages[self.alias]

    def _open(self, name: str, mode: str = "rb") -> Any:
        return self.target.open(name, mode)

    def _save(self, name: str, content: IO[Any]) -> str:
        return self.target.save(name, content)

    def get_available_name(self, name: str, max_length: int | None = None) -> str:
        return self.target.get_available_name(name, max_length)

    def delete(self, name: str) -> None:
        self.target.delete(name)

    def exists(self, name: str) -> bool:
        return self.target.exists(name)

    def size(self, name: str) -> int:
        return self.target.size(name)

    def url(self, name: str | None) -> str:
        raise NotImplementedError("Stored files have no public URL; the API serves them to those who may see them.")
