"""Background work: the job records the pages follow, and the child process that runs the
risky part of a job (reading an uploaded document, drawing a PDF) under a time and memory
limit. The queue itself is Django's tasks API (django-tasks, with django-tasks-db's database
backend); docs/decisions/task-queue.md says why."""
