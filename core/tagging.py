"""Tag strings are split on commas only: "FabLab Network" is one network, not two tags."""


def split_on_commas(text):
    names = (name.strip().strip('"').strip() for name in (text or "").split(","))
    return list(dict.fromkeys(name[:100] for name in names if name))


def join_with_commas(tags):
    return ", ".join(sorted(tag.name for tag in tags))
