"""Jobs that run by themselves on the server: «Проверка» refreshed, the digest and the letters when due, the daily
backup — in a process of their own (`edudesk jobs serve`), never in a page's session."""
