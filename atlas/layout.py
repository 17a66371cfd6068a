"""A deterministic force layout (Fruchterman–Reingold) with numpy: each connected part of the
graph is laid out on its own, then the parts are packed in rows, largest first, so a graph of a
few hundred nodes takes milliseconds and the same data always gives the same picture."""

import math

import numpy as np

SIZE = 1000.0  # the width the packed layout is scaled to
ITERATIONS = 80
BLOCK = 512  # nodes whose repulsion is computed at once (memory stays small)
PACK = 64  # small parts are simulated together in blocks of about this many nodes


def components(count, edges):
    parent = list(range(count))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups = {}
    for i in range(count):
        groups.setdefault(find(i), []).append(i)
    # Largest first, then by first node (the input's order): deterministic.
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def blocks(sizes, target=PACK):
    """(start, end) ranges of consecutive parts, each part whole, about `target` nodes each (a
    bigger part is a block of its own): repulsion is computed within a block only."""
    found, start, end = [], 0, 0
    for size in sizes:
        if end > start and end - start + size > target:
            found.append((start, end))
            start = end
        end += size
    if end > start:
        found.append((start, end))
    return found


def spring(sizes, edges, iterations=ITERATIONS):
    """Positions (nodes × 2) of parts of the given sizes, numbered in order (part 0 is nodes
    0 to sizes[0] - 1, …), laid out at once, each centred on 0 with an ideal edge length of 1:
    nodes repel only the nodes of their own part, so the cost is about the sum of the squares
    of the parts' sizes, not the square of the whole."""
    sizes = np.asarray(sizes)
    part = np.repeat(np.arange(len(sizes)), sizes)
    count = len(part)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    local = np.arange(count) - starts[part]
    # Each part starts as a golden-angle spiral of its own nodes, in the input's order.
    angle = local * 2.399963
    radius = np.sqrt(local + 0.5)
    position = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    edges = np.array(edges, dtype=int).reshape(-1, 2)
    temperature = np.sqrt(sizes[part]) / 2
    ranges = blocks(sizes.tolist())
    for step in range(iterations):
        move = np.zeros_like(position)
        for first, last in ranges:
            for row in range(first, last, BLOCK):
                rows = slice(row, min(row + BLOCK, last))
                dx = position[rows, 0, None] - position[None, first:last, 0]
                dy = position[rows, 1, None] - position[None, first:last, 1]
                push = (part[rows, None] == part[None, first:last]) / np.maximum(
                    dx * dx + dy * dy, 1e-4
                )
                move[rows, 0] += (dx * push).sum(axis=1)
                move[rows, 1] += (dy * push).sum(axis=1)
        if len(edges):
            delta = position[edges[:, 0]] - position[edges[:, 1]]
            distance = np.maximum(np.sqrt((delta**2).sum(axis=1)), 1e-4)
            pull = delta * distance[:, None]
            np.add.at(move, edges[:, 0], -pull)
            np.add.at(move, edges[:, 1], pull)
        # A weak pull to the part's centre keeps loose ends from drifting off.
        centre = np.column_stack([np.bincount(part, position[:, k]) / sizes for k in (0, 1)])
        move -= (position - centre[part]) * 0.05
        length = np.maximum(np.sqrt((move**2).sum(axis=1)), 1e-9)
        limit = temperature * (1 - step / iterations) + 0.01
        position += move / length[:, None] * np.minimum(length, limit)[:, None]
    centre = np.column_stack([np.bincount(part, position[:, k]) / sizes for k in (0, 1)])
    return position - centre[part]


def star_centre(group, edges_of):
    """The node linked to every other node of the part, when the part is a star (a project and
    its organisations, an organisation and its projects): such parts need no simulation."""
    if len(group) <= 2:
        return group[0]
    for node in group:
        if len(edges_of.get(node, ())) == len(group) - 1:
            return node
    return None


def star(group, centre):
    """The centre in the middle, the others around it at the ideal edge length."""
    position = np.zeros((len(group), 2))
    others = [i for i, node in enumerate(group) if node != centre]
    for k, i in enumerate(others):
        angle = 2 * math.pi * k / len(others) - math.pi / 2
        position[i] = (math.cos(angle), math.sin(angle))
    return position - position.mean(axis=0) if len(group) == 2 else position


def edges_by_node(edges):
    found = {}
    for a, b in edges:
        found.setdefault(a, set()).add(b)
        found.setdefault(b, set()).add(a)
    return found


def work(count, edges):
    """What laying out a graph costs, in node pairs per step: the sum of the squares of the
    sizes of its parts that are not stars (small parts packed in blocks of PACK)."""
    edges_of = edges_by_node(edges)
    sizes = [len(g) for g in components(count, edges) if star_centre(g, edges_of) is None]
    return sum((b - a) ** 2 for a, b in blocks(sizes))


def force_layout(nodes, edges):
    """{node: (x, y)} for the node names and edges (pairs of names), and the length of an
    ideal edge in the result (the drawing sizes its circles by it)."""
    index = {node: i for i, node in enumerate(nodes)}
    pairs = [(index[a], index[b]) for a, b in edges]
    placed = {}
    groups = components(len(nodes), pairs)
    edges_of = edges_by_node(pairs)
    centres = [star_centre(group, edges_of) for group in groups]
    # The other parts are simulated, renumbered part by part so each is a run of numbers.
    simulated = [g for g, c in zip(groups, centres, strict=True) if c is None]
    order = [i for group in simulated for i in group]
    renumber = {old: new for new, old in enumerate(order)}
    if simulated:
        inside = [(renumber[a], renumber[b]) for a, b in pairs if a in renumber]
        position = spring([len(g) for g in simulated], inside)
    parts = []
    for group, centre in zip(groups, centres, strict=True):
        local = (
            star(group, centre) if centre is not None else position[[renumber[i] for i in group]]
        )
        radius = float(np.sqrt((local**2).sum(axis=1)).max()) + 1.0
        parts.append((group, local, radius))
    # Rows of parts, largest first, in a square about as wide as all parts' area needs.
    width = math.sqrt(sum((2 * r) ** 2 for _g, _p, r in parts)) * 1.15 if parts else 1.0
    width = max(width, 2 * max((r for _g, _p, r in parts), default=1.0))
    x = y = row = 0.0
    for group, position, radius in parts:
        if x + 2 * radius > width and x > 0:
            x, y, row = 0.0, y + row, 0.0
        centre = (x + radius, y + radius)
        for i, node in enumerate(group):
            placed[node] = (centre[0] + position[i, 0], centre[1] + position[i, 1])
        x += 2 * radius
        row = max(row, 2 * radius)
    scale = SIZE / width
    positions = {
        nodes[i]: (round(float(px) * scale, 1), round(float(py) * scale, 1))
        for i, (px, py) in placed.items()
    }
    return positions, scale
