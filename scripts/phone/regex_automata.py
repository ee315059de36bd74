"""Compile libphonenumber's digit patterns into the two automaton forms the Swift phone normalizer executes.

* `dfa(pattern)`: a minimized DFA over the digits 0-9 for *full* matches (libphonenumber's `matches()`), or with
  `prefix=True` for "some prefix matches" (`lookingAt()` as a yes/no question, used for `leading_digits`).
* `program(pattern)`: a tiny backtracking program (Pike/Thompson style instructions with ordered splits) that
  reproduces Python/Java leftmost-first semantics, capture groups included. Used for the international prefix
  and national-prefix-for-parsing patterns, whose match *end* and *groups* matter, not just yes/no.

Patterns are parsed with Python's own regex parser (`re._parser`, formerly `sre_parse`), so the automata accept
exactly the digit strings `re` accepts. Only the constructs found in the metadata are supported (literals, classes,
\\d, groups, alternation, greedy/lazy repeats, `$`); anything else raises, so a metadata update that introduces a
new construct fails loudly in the generator instead of silently in Swift.
"""

try:
    import re._parser as sre_parse  # Python ≥ 3.11
    from re._constants import (
        ANY, AT, AT_END, AT_END_STRING, BRANCH, CATEGORY, CATEGORY_DIGIT, IN, LITERAL, MAX_REPEAT, MAXREPEAT,
        MIN_REPEAT, NEGATE, NOT_LITERAL, RANGE, SUBPATTERN)
except ImportError:  # pragma: no cover - older Pythons
    import sre_parse  # type: ignore
    from sre_constants import (  # type: ignore
        ANY, AT, AT_END, AT_END_STRING, BRANCH, CATEGORY, CATEGORY_DIGIT, IN, LITERAL, MAX_REPEAT, MAXREPEAT,
        MIN_REPEAT, NEGATE, NOT_LITERAL, RANGE, SUBPATTERN)

ALL = (1 << 10) - 1


def _class_mask(items):
    mask, negate = 0, False
    for op, av in items:
        if op is NEGATE:
            negate = True
        elif op is LITERAL:
            if 48 <= av <= 57:
                mask |= 1 << (av - 48)
        elif op is RANGE:
            lo, hi = av
            for c in range(max(lo, 48), min(hi, 57) + 1):
                mask |= 1 << (c - 48)
        elif op is CATEGORY and av is CATEGORY_DIGIT:
            mask = ALL
        else:
            raise ValueError(f"unsupported class item {op} {av}")
    return (ALL & ~mask) if negate else mask


def _atom_mask(op, av):
    if op is LITERAL:
        return (1 << (av - 48)) if 48 <= av <= 57 else 0
    if op is NOT_LITERAL:
        return ALL & ~((1 << (av - 48)) if 48 <= av <= 57 else 0)
    if op is IN:
        return _class_mask(av)
    if op is ANY:
        return ALL
    return None


# ---------------------------------------------------------------------------------------------------------------
# NFA → DFA


class _NFA:
    def __init__(self):
        self.eps = []
        self.edges = []

    def state(self):
        self.eps.append([])
        self.edges.append([])
        return len(self.eps) - 1

    def build(self, seq, start):
        cur = start
        for op, av in seq:
            cur = self.node(op, av, cur)
        return cur

    def node(self, op, av, start):
        mask = _atom_mask(op, av)
        if mask is not None:
            end = self.state()
            self.edges[start].append((mask, end))
            return end
        if op is SUBPATTERN:
            return self.build(av[-1], start)
        if op is BRANCH:
            end = self.state()
            for alt in av[1]:
                s = self.state()
                self.eps[start].append(s)
                self.eps[self.build(alt, s)].append(end)
            return end
        if op in (MAX_REPEAT, MIN_REPEAT):
            lo, hi, body = av
            cur = start
            for _ in range(lo):
                cur = self.build(body, cur)
            if hi is MAXREPEAT:
                loop = self.state()
                self.eps[cur].append(loop)
                self.eps[self.build(body, loop)].append(loop)
                return loop
            end = self.state()
            for _ in range(hi - lo):
                self.eps[cur].append(end)
                cur = self.build(body, cur)
            self.eps[cur].append(end)
            return end
        raise ValueError(f"unsupported construct for a DFA: {op} {av}")

    def closure(self, states):
        stack, seen = list(states), set(states)
        while stack:
            s = stack.pop()
            for t in self.eps[s]:
                if t not in seen:
                    seen.add(t)
                    stack.append(t)
        return frozenset(seen)


def _minimize(trans, accept):
    """Moore partition refinement. trans: list of 10-tuples, state 0 must be the dead state."""
    n = len(trans)
    cls = [1 if accept[s] else 0 for s in range(n)]
    while True:
        sig = {}
        new = []
        for s in range(n):
            key = (cls[s],) + tuple(cls[t] for t in trans[s])
            new.append(sig.setdefault(key, len(sig)))
        if len(sig) == len(set(cls)):
            break
        cls = new
    # Renumber: dead class → 0, start class → 1, rest in BFS order.
    dead, start = cls[0], cls[1]
    order = {dead: 0}
    queue = [start]
    if start not in order:
        order[start] = len(order)
    rep = {}
    for s in range(n):
        rep.setdefault(cls[s], s)
    i = 0
    while i < len(queue):
        c = queue[i]
        i += 1
        for t in trans[rep[c]]:
            if cls[t] not in order:
                order[cls[t]] = len(order)
                queue.append(cls[t])
    out_trans = [None] * len(order)
    out_accept = [False] * len(order)
    for c, k in order.items():
        out_trans[k] = tuple(order[cls[t]] for t in trans[rep[c]])
        out_accept[k] = accept[rep[c]]
    return out_trans, out_accept


def _determinize(starts_accepts_step):
    """Generic subset/product construction. starts_accepts_step = (start_key, is_accept(key), step(key, d))."""
    start, is_accept, step = starts_accepts_step
    dead = None
    index = {dead: 0, start: 1}
    keys = [dead, start]
    trans = []
    i = 0
    while i < len(keys):
        k = keys[i]
        i += 1
        row = []
        for d in range(10):
            t = None if k is None else step(k, d)
            if t not in index:
                index[t] = len(keys)
                keys.append(t)
            row.append(index[t])
        trans.append(tuple(row))
    accept = [k is not None and is_accept(k) for k in keys]
    return _minimize(trans, accept)


def _pattern_dfa_parts(pattern):
    nfa = _NFA()
    s0 = nfa.state()
    final = nfa.build(sre_parse.parse(pattern), s0)

    def step(key, d):
        bit = 1 << d
        nxt = set()
        for s in key:
            for mask, t in nfa.edges[s]:
                if mask & bit:
                    nxt.add(t)
        return nfa.closure(nxt) if nxt else None

    return nfa.closure([s0]), (lambda k: final in k), step


def dfa(pattern, prefix=False):
    """Minimized DFA (transitions, accepting flags) for full matches of `pattern` over digit strings.

    With prefix=True the DFA accepts every string that has a prefix in the language (accepting states absorb)."""
    start, is_accept, step = _pattern_dfa_parts(pattern)
    if prefix:
        ACC = "accept"

        def pstep(k, d):
            if k == ACC:
                return ACC
            t = step(k, d)
            return ACC if t is not None and is_accept(t) else t

        start2 = ACC if is_accept(start) else start
        return _determinize((start2, lambda k: k == ACC, pstep))
    return _determinize((start, is_accept, step))


def run_dfa(trans, accept, digits):
    s = 1
    for ch in digits:
        s = trans[s][ord(ch) - 48]
        if s == 0:
            return False
    return accept[s]


def product_dfa(parts, accept_fn, max_len):
    """Product of several DFAs (each (trans, accept)) plus a length counter up to max_len.

    accept_fn(flags, length) decides acceptance from the tuple of component acceptance flags and the length."""

    def step(key, d):
        states, length = key
        if length >= max_len:
            return None
        nxt = tuple(p[0][s][d] for p, s in zip(parts, states))
        if all(s == 0 for s in nxt):
            return None
        return (nxt, length + 1)

    def is_accept(key):
        states, length = key
        return accept_fn(tuple(p[1][s] for p, s in zip(parts, states)), length)

    return _determinize(((tuple(1 for _ in parts), 0), is_accept, step))


# ---------------------------------------------------------------------------------------------------------------
# Backtracking program


def program(pattern):
    """Instructions (list of tuples) and the number of capture groups of `pattern`.

    ('c', mask) one digit in mask · ('s', x, y) try x, then y · ('j', x) · ('g', slot) save position ·
    ('e',) end of input · ('m',) match."""
    tree = sre_parse.parse(pattern)
    code = []

    def emit(ins):
        code.append(list(ins))
        return len(code) - 1

    def gen_seq(seq):
        for op, av in seq:
            gen(op, av)

    def gen(op, av):
        mask = _atom_mask(op, av)
        if mask is not None:
            emit(("c", mask))
        elif op is SUBPATTERN:
            group = av[0]
            if group is not None:
                emit(("g", 2 * group))
            gen_seq(av[-1])
            if group is not None:
                emit(("g", 2 * group + 1))
        elif op is BRANCH:
            alts = av[1]
            jumps = []
            for i, alt in enumerate(alts):
                if i < len(alts) - 1:
                    split = emit(("s", 0, 0))
                    code[split][1] = len(code)
                    gen_seq(alt)
                    jumps.append(emit(("j", 0)))
                    code[split][2] = len(code)
                else:
                    gen_seq(alt)
            for j in jumps:
                code[j][1] = len(code)
        elif op in (MAX_REPEAT, MIN_REPEAT):
            lo, hi, body = av
            greedy = op is MAX_REPEAT
            for _ in range(lo):
                gen_seq(body)
            if hi is MAXREPEAT:
                loop = emit(("s", 0, 0))
                gen_seq(body)
                emit(("j", loop))
                code[loop][1:] = [loop + 1, len(code)] if greedy else [len(code), loop + 1]
            else:
                splits = []
                for _ in range(hi - lo):
                    splits.append(emit(("s", 0, 0)))
                    body_start = len(code)
                    gen_seq(body)
                    splits[-1] = (splits[-1], body_start)
                end = len(code)
                for split, body_start in splits:
                    code[split][1:] = [body_start, end] if greedy else [end, body_start]
        elif op is AT and av in (AT_END, AT_END_STRING):
            emit(("e",))
        else:
            raise ValueError(f"unsupported construct in program: {op} {av}")

    gen_seq(tree)
    emit(("m",))
    groups = sre_parse.parse(pattern).state.groups - 1
    return [tuple(i) for i in code], groups


def run_program(code, groups, digits):
    """Reference interpreter (mirrors the Swift one); returns (end, caps) or None. Used to self-check."""
    stack = [(0, 0, [-1] * (2 * groups + 2))]
    while stack:
        pc, pos, caps = stack.pop()
        while True:
            ins = code[pc]
            k = ins[0]
            if k == "c":
                if pos < len(digits) and ins[1] >> (ord(digits[pos]) - 48) & 1:
                    pos += 1
                    pc += 1
                else:
                    break
            elif k == "s":
                stack.append((ins[2], pos, list(caps)))
                pc = ins[1]
            elif k == "j":
                pc = ins[1]
            elif k == "g":
                caps = list(caps)
                caps[ins[1]] = pos
                pc += 1
            elif k == "e":
                if pos == len(digits):
                    pc += 1
                else:
                    break
            else:
                caps[0], caps[1] = 0, pos
                return pos, caps
    return None
