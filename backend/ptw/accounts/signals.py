"""What other apps may follow of administration changes without accounts knowing them.

`pools_changed(project, actor)` is sent inside the transaction of every change that may move people in or out of a
project's pools (the policy table; a member added, invited, deactivated, reactivated, or given another role, grade or
company), after the write. The permits app moves the project's open tasks to follow the pools: a person who left a
pool loses their open tasks (one named by the requester is returned to the pool), a person who joined one gets the
open pool tasks. A receiver that raises rolls the change back.
"""

from __future__ import annotations

from django.dispatch import Signal

pools_changed = Signal()
