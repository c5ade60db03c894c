"""The timeline that runs itself: a separate scheduler process (see ``runner``), the jobs it runs
(``jobs``), when each round needs them (``timeline``) and the lease that keeps it to one process at a time
(``lease``)."""
