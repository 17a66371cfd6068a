"""The one fake of the newsletter tests: it stands for a third-party list provider's API."""


class InMemoryListProvider:
    """Keeps the list in a class attribute, as a mailing service would keep it on its side."""

    members: dict[str, str] = {}
    calls: list[tuple[str, str]] = []

    def subscribe(self, subscriber):
        self.members[subscriber.email.lower()] = subscriber.language
        self.calls.append(("subscribe", subscriber.email))

    def unsubscribe(self, subscriber):
        self.members.pop(subscriber.email.lower(), None)
        self.calls.append(("unsubscribe", subscriber.email))

    @classmethod
    def reset(cls):
        cls.members.clear()
        cls.calls.clear()
