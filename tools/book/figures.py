# Copyright (c) 2026 The Naiad authors.  All rights reserved.
# SPDX-License-Identifier: BSD-2-Clause
"""The book's drawn figures: one function per picture, each returning an
Svg (svg.py).  tools/mkfigures writes them to book/figures/NAME.svg,
where a chapter shows one with \\bookfigure{NAME}{CAPTION}; they are
committed, and tests/book/run fails when one differs from what this file
draws.  (book/figures/ktr-timeline.svg is drawn by tools/ktr2svg from a
real trace: make trace.)

The numbers in the pictures are the book's: addresses, sizes and names
come from the chapters' code and prose, and change with them.
"""
import math

from .svg import (ACCENT, FIRMWARE, FREE, GREEN, GREY, HOT, INK, MUTED,
                  OURS, Svg)


def _memory_map(title, rows, width=560, addr_w=78, box_w=250, row_h=30,
                legend=None, edges=None):
    """A vertical memory map, high addresses on top: rows are (start
    address label, text, fill, note, dashed) from the top down; each
    address labels the bottom edge of its row, where the region starts.
    edges: {row: note} for a note on a row's bottom edge."""
    top = 12
    height = top + row_h * len(rows) + (40 if legend else 14)
    s = Svg(width, height, title)
    x = addr_w
    for i, (addr, text, fill, note, dashed) in enumerate(rows):
        y = top + i * row_h
        s.rect(x, y, box_w, row_h, fill=fill, stroke=INK,
               dash="4 3" if dashed else None)
        lines = text.split("\n")
        for k, ln in enumerate(lines):
            s.text(x + 8, y + row_h / 2 + 4 + (k - (len(lines) - 1) / 2) *
                   12, ln, size=10.5)
        if addr:
            s.text(x - 6, y + row_h + 4, addr, size=10, anchor="end",
                   mono=True)
        if edges and i in edges:
            yy = y + row_h
            s.line(x + box_w, yy, x + box_w + 14, yy, stroke=MUTED)
            s.text(x + box_w + 18, yy + 4, edges[i], size=10, fill=MUTED)
        if note:
            for k, ln in enumerate(note.split("\n")):
                s.text(x + box_w + 10, y + row_h / 2 + 4 +
                       (k - (len(note.split("\n")) - 1) / 2) * 12, ln,
                       size=10, fill=MUTED)
    if legend:
        y = top + row_h * len(rows) + 18
        lx = x
        for fill, label in legend:
            s.rect(lx, y - 9, 12, 12, fill=fill, stroke=INK)
            s.text(lx + 17, y + 1, label, size=10)
            lx += 24 + 6.2 * len(label)
    return s


def boot_memory():
    """Chapter "Our own boot loader": the first MiB while the loader
    runs."""
    return _memory_map(
        "Memory while the boot loader runs", [
            ("", "the module (the boot archive),\non the page after the kernel",
             GREEN, "if the image has one", True),
            ("0x100000", "the kernel, copied up from the bounce buffer",
             OURS, "32 KiB at a time,\nabove 1 MiB", False),
            ("0x9FC00", "extended BIOS data area, video memory,\nBIOS ROM",
             FIRMWARE, None, False),
            ("0x18000", "free", FREE, None, True),
            ("0x10000", "bounce buffer: 32 KiB", OURS,
             "what one BIOS read\nbrings in", False),
            ("0x08000", "stage 2: code, GDT, Multiboot\ninformation, "
             "memory map", OURS, None, False),
            ("0x07E00", "parameter sector: \"NAIADCMD\",\nthe command line "
             "at 0x7E08", OURS, None, False),
            ("0x07C00", "the MBR (descriptor at 0x7D90)", OURS,
             "the stack grows down\nfrom 0x7C00", False),
            ("0x00500", "free (the stack)", FREE, None, True),
            ("0x00000", "real-mode interrupt vectors,\nBIOS data area",
             FIRMWARE, None, False),
        ], legend=[(OURS, "the loader's"), (FIRMWARE, "the BIOS's"),
                   (FREE, "free")])


def address_space():
    """Chapter "Memory": the kernel's virtual address space."""
    mapped, unmapped = OURS, GREY
    return _memory_map(
        "The kernel's virtual address space", [
            ("0xFE000000", "device window (32 MiB)", HOT,
             "pmap_kenter: the APIC,\nthe I/O APIC (uncached)", False),
            ("0x40000000", "not mapped: user space, when\nprocesses arrive "
             "(Part III)", unmapped, None, True),
            ("top", "not mapped (no RAM here)", unmapped, None, True),
            ("0x00100000", "free pages, heap, page tables;\nthe kernel image",
             mapped, "kernel only, writable", False),
            ("0x00001000", "BIOS area, video memory, ROMs", mapped, None,
             False),
            ("0x00000000", "page 0: not mapped", unmapped,
             "so that NULL faults", True),
        ], addr_w=88, edges={1: "VM_DIRECT_MAX (1 GiB)",
                             2: "end of RAM, rounded up to 4 MiB"},
        legend=[(mapped, "direct map (virtual = physical)"),
                              (HOT, "device window"),
                              (GREY, "not mapped")])


def disk_layout():
    """Chapter "Our own boot loader": the disk image, sector by
    sector."""
    s = Svg(606, 132, "The disk image")
    cols = [("LBA 0", "MBR", ["code, descriptor", "at 0x190,", "0x55 0xAA"],
             OURS, 92),
            ("LBA 1", "parameters", ["\"NAIADCMD\" and", "the command line,",
                                     "ends before 1024"], HOT, 96),
            ("LBA 2 .. 1+s", "stage 2", ["s sectors"], OURS, 92),
            ("LBA 2+s .. 1+s+k", "the kernel", ["its PT_LOAD", "segments as one",
                                          "flat run: k sectors"], GREEN, 126),
            ("then", "module", ["the boot", "archive, if", "any: m sectors"],
             HOT, 86),
            ("", "zeros", ["to a whole", "cylinder"], FREE, 86)]
    x, y, h = 14, 28, 40
    for lba, name, notes, fill, w in cols:
        s.rect(x, y, w, h, fill=fill, dash="4 3" if fill == FREE else None)
        s.text(x + w / 2, y + 25, name, anchor="middle", bold=True)
        if lba:
            s.text(x + 2, y - 8, lba, size=10, mono=True, fill=MUTED)
        for k, ln in enumerate(notes):
            s.text(x + w / 2, y + h + 17 + 13 * k, ln, size=10,
                   anchor="middle", fill=MUTED)
        x += w
    return s


def run_queues():
    """Chapter "Light-weight kernel threads": one CPU's globaldata and its
    run queues."""
    x, y, w, rh = 14, 26, 220, 22
    fields = [("gd_self", "itself (%fs:0)"), ("gd_cpuid", "0"),
              ("gd_curthread", None), ("gd_idlethread", None),
              ("gd_reqflags", "RQF_* work for crit_exit"),
              ("gd_runq.rq_mask", "0x00001040")]
    queues = [("31", False), ("\u22ee", None), ("12", True),
              ("\u22ee", None), ("6", True), ("\u22ee", None), ("0", False)]
    qh = 20
    qy = y + len(fields) * rh
    height = qy + rh + len(queues) * qh + 34
    s = Svg(520, height, "A CPU's run queues")
    s.text(x, y - 10, "struct globaldata (CPU 0)", bold=True, mono=True,
           size=10.5)
    for i, (name, value) in enumerate(fields):
        s.rect(x, y + i * rh, w, rh, fill=OURS)
        s.text(x + 6, y + i * rh + 15, name, mono=True, size=10)
        if value:
            s.text(x + w - 6, y + i * rh + 15, value, size=9.5,
                   anchor="end", fill=MUTED, mono=value.startswith("0x"))
    # The queues: an array inside the structure.
    s.rect(x, qy, w, rh, fill=OURS)
    s.text(x + 6, qy + 15, "gd_runq.rq_queue[32]", mono=True, size=10)
    qx, qw = x + 30, w - 30
    rows = {}
    for i, (label, full) in enumerate(queues):
        yy = qy + rh + i * qh
        if full is None:
            s.text(qx + qw / 2, yy + 14, label, anchor="middle", fill=MUTED)
            continue
        s.rect(qx, yy, qw, qh, fill="#f3f7fb" if full else FREE)
        s.text(qx + 6, yy + 14, "[%s]" % label, mono=True, size=10)
        s.text(qx + qw - 6, yy + 14, "not empty" if full else "empty",
               size=9.5, anchor="end", fill=MUTED)
        rows[label] = yy + qh / 2
    s.text(x, height - 10, "bit p of rq_mask is set exactly when queue p "
           "is not empty: here bits 12 and 6", size=10, fill=MUTED)

    def thread(left, cy, name, fill, width=48):
        s.rect(left, cy - 13, width, 26, fill=fill, rx=4)
        s.text(left + width / 2, cy + 4, name, anchor="middle", bold=True)
    a_x, b_x = 290, 380
    thread(a_x, rows["12"], "A", GREEN)
    thread(b_x, rows["12"], "B", HOT)
    thread(a_x, rows["6"], "C", GREEN)
    s.line(x + w, rows["12"], a_x - 2, rows["12"], stroke=ACCENT, arrow=True)
    s.line(x + w, rows["6"], a_x - 2, rows["6"], stroke=ACCENT, arrow=True)
    s.line(a_x + 50, rows["12"], b_x - 2, rows["12"], stroke=ACCENT,
           both=True)
    s.text(b_x + 56, rows["12"] - 2, "B runs;", size=9.5, fill=MUTED)
    s.text(b_x + 56, rows["12"] + 10, "A is next", size=9.5, fill=MUTED)
    # gd_curthread -> B; gd_idlethread -> idle0, on no queue.
    cur_y = y + 2 * rh + rh / 2
    idle_y = y + 3 * rh + rh / 2
    s.path("M%d,%s H%d V%s" % (x + w, cur_y, b_x + 24, rows["12"] - 15),
           stroke=HOT_STROKE, arrow=True)
    thread(a_x, idle_y, "idle0", GREY, width=60)
    s.line(x + w, idle_y, a_x - 2, idle_y, stroke=MUTED, arrow=True)
    s.text(a_x, idle_y + 26, "never on a run queue", size=9.5, fill=MUTED)
    return s


HOT_STROKE = "#b06a00"


def ipiq_matrix():
    """Chapter "Messages between CPUs": one FIFO per ordered pair."""
    s = Svg(520, 168, "The IPI FIFOs of three CPUs")
    x0, y0, cw, ch = 116, 34, 88, 30
    for t in range(3):
        s.text(x0 + t * cw + cw / 2, y0 - 10, "to cpu%d" % t, bold=True,
               anchor="middle")
    for r in range(3):
        s.text(x0 - 10, y0 + r * ch + 19, "cpu%d->gd_ipiq" % r, mono=True,
               size=10.5, anchor="end")
        for t in range(3):
            if r == t:
                fill, label = GREY, "unused"
            elif t == 0:
                fill, label = HOT, "%d \u2192 %d" % (r, t)
            else:
                fill, label = OURS, "%d \u2192 %d" % (r, t)
            s.rect(x0 + t * cw, y0 + r * ch, cw, ch, fill=fill)
            s.text(x0 + t * cw + cw / 2, y0 + r * ch + 19, label,
                   anchor="middle", fill=MUTED if r == t else INK)
    # Column 0 read by cpu0.
    s.rect(x0, y0, cw, 3 * ch, fill="none", stroke=HOT_STROKE, width=2.5)
    s.text(x0 + cw / 2, y0 + 3 * ch + 20, "cpu0 reads this column",
           anchor="middle", size=10, fill=HOT_STROKE)
    s.text(x0 + 3 * cw + 12, y0 + ch + 8, "each row is written", size=10,
           fill=MUTED)
    s.text(x0 + 3 * cw + 12, y0 + ch + 21, "by its own CPU only", size=10,
           fill=MUTED)
    return s


def ipiq_ring():
    """Chapter "Messages between CPUs": one FIFO, a ring of slots and its
    three indices."""
    n = 32             # IPIQ_SIZE
    s = Svg(520, 290, "An IPI FIFO and its indices")
    cx, cy, r0, r1 = 192, 150, 62, 104
    seg = 360.0 / n
    # Drawn slot k spans [k*seg, (k+1)*seg) clockwise from 12 o'clock;
    # the slot of xindex is drawn at 300 degrees.
    first = round(300 / seg)
    states = ["run"] * 2 + ["wait"] * 7 + ["free"] * 18 + ["done"] * 5
    fills = {"done": GREY, "run": HOT, "wait": OURS, "free": FREE}
    for k in range(n):
        state = states[(k - first) % n]
        s.sector(cx, cy, r0, r1, k * seg, (k + 1) * seg, fills[state])
    s.text(cx, cy - 6, "%d slots" % n, anchor="middle", bold=True)
    s.text(cx, cy + 8, "IPIQ_SIZE", anchor="middle", size=9.5, mono=True,
           fill=MUTED)
    s.text(cx, cy + 24, "indices grow", anchor="middle", size=9.5,
           fill=MUTED)
    s.text(cx, cy + 36, "clockwise", anchor="middle", size=9.5, fill=MUTED)

    def at(r, deg):
        a = math.radians(deg)
        return cx + r * math.sin(a), cy - r * math.cos(a)

    def pointer(slot, label, label_deg):
        ex, ey = at(r1 + 2, (slot + first) % n * seg)
        lx, ly = at(r1 + 34, label_deg)
        s.line(lx, ly, ex, ey, stroke=ACCENT, width=1.3, arrow=True)
        right = math.sin(math.radians(label_deg)) >= 0
        tx, ty = at(r1 + 38, label_deg)
        s.text(tx, ty + (0 if ty < cy else 8), label, mono=True, bold=True,
               anchor="start" if right else "end", fill=ACCENT)
    pointer(0, "xindex", 286)
    pointer(2, "rindex", 338)
    pointer(9, "windex", 56)
    lx, ly = 340, 150
    for fill, label in [(GREY, "done: returned (free again)"),
                        (HOT, "run: started, not yet returned"),
                        (OURS, "wait: queued, not yet started"),
                        (FREE, "free: the sender may fill it")]:
        s.rect(lx, ly - 9, 12, 12, fill=fill)
        s.text(lx + 18, ly + 1, label, size=10)
        ly += 17
    s.text(340, 236, "queued = windex \u2212 rindex", mono=True, size=10)
    s.text(340, 254, "message k (seq = k + 1) has", size=10, fill=MUTED)
    s.text(340, 267, "returned when", size=10, fill=MUTED)
    s.text(340, 281, "(int32_t)(xindex \u2212 seq) \u2265 0", size=10,
           mono=True, fill=MUTED)
    return s


def page_walk():
    """Chapter "Memory": how the processor translates a virtual address
    with two levels of tables."""
    s = Svg(520, 264, "Translating a virtual address")
    s.text(14, 16, "virtual address 0x00403123", bold=True, mono=True,
           size=10.5)
    fields = [("31..22", "dir = 1", HOT, 130), ("21..12", "table = 3",
                                                  GREEN, 130),
              ("11..0", "offset 0x123", OURS, 150)]
    x = 14
    for bits, text, fill, w in fields:
        s.rect(x, 24, w, 38, fill=fill)
        s.text(x + 6, 37, bits, size=9, mono=True, fill=MUTED)
        s.text(x + w / 2, 54, text, anchor="middle", mono=True, size=10.5)
        x += w

    def column(left, top, title, rows, width=104, rh=20):
        s.text(left + width / 2, top - 8, title, anchor="middle", bold=True,
               size=10.5)
        ys = {}
        for i, (label, fill) in enumerate(rows):
            y = top + i * rh
            if fill is None:
                s.rect(left, y, width, rh, fill=FREE)
                s.text(left + width / 2, y + 14, label, anchor="middle",
                       fill=MUTED)
            else:
                s.rect(left, y, width, rh, fill=fill)
                s.text(left + 6, y + 14, label, mono=True, size=10)
            ys[label] = y + rh / 2
        return ys
    top = 110
    d = column(96, top, "page directory", [("[0]", FREE), ("[1]", HOT),
                                           ("\u22ee", None),
                                           ("[1023]", FREE)])
    t = column(252, top, "page table", [("[0]", FREE), ("[1]", FREE),
                                        ("\u22ee", None), ("[3]", GREEN),
                                        ("\u22ee", None), ("[1023]", FREE)])
    # The page: its first byte on top, the byte at offset 0x123 marked.
    px, pw, ph = 408, 104, 120
    s.text(px + pw / 2, top - 8, "page", anchor="middle", bold=True,
           size=10.5)
    s.rect(px, top, pw, ph, fill=FREE)
    s.text(px + 6, top + 14, "0x00403000", mono=True, size=10)
    by = top + 44
    s.rect(px, by, pw, 16, fill=OURS)
    s.text(px + 6, by + 12, "+ 0x123", mono=True, size=10)
    # %cr3 and the chain of pointers.
    s.rect(14, top, 52, 20, fill=GREY)
    s.text(40, top + 14, "%cr3", anchor="middle", mono=True, size=10)
    s.line(66, top + 10, 94, top + 10, stroke=ACCENT, arrow=True)
    s.path("M200,%s H224 V%s H250" % (d["[1]"], top + 10), stroke=ACCENT,
           arrow=True)
    s.path("M356,%s H380 V%s H406" % (t["[3]"], top + 10), stroke=ACCENT,
           arrow=True)
    s.text(14, top + 132, "each directory entry maps 4 MiB,", size=10,
           fill=MUTED)
    s.text(14, top + 145, "each table entry one 4 KiB page", size=10,
           fill=MUTED)
    return s


def callout_list():
    """Chapter "Callouts": one CPU's list, soonest first, and the tick
    that wakes its softclock thread."""
    s = Svg(520, 232, "One CPU's callouts")
    x, y, w, rh = 14, 30, 170, 22
    s.text(x, y - 10, "struct globaldata (CPU 1)", bold=True, mono=True,
           size=10.5)
    for i, (name, value) in enumerate([("gd_ticks", "1042"),
                                       ("gd_callouts", None),
                                       ("gd_softclock", None)]):
        s.rect(x, y + i * rh, w, rh, fill=OURS)
        s.text(x + 6, y + i * rh + 15, name, mono=True, size=10)
        if value:
            s.text(x + w - 6, y + i * rh + 15, value, size=10, anchor="end",
                   mono=True, fill=MUTED)
    # The list: due ticks and functions, soonest first.
    items = [("1041", "tsleep_timeout", HOT), ("1042", "f(a)", HOT),
             ("1042", "g(b)", HOT), ("1045", "h(c)", OURS),
             ("1100", "tsleep_timeout", OURS)]
    lx, ly, bw, bh, gap = 200, 30, 98, 40, 12
    for i, (due, fn, fill) in enumerate(items):
        bx = lx + (i % 3) * (bw + gap)
        by = ly + (i // 3) * (bh + 30)
        s.rect(bx, by, bw, bh, fill=fill, rx=3)
        s.text(bx + 6, by + 16, "c_time %s" % due, mono=True, size=9.5)
        s.text(bx + 6, by + 31, fn, mono=True, size=9.5, fill=MUTED)
        if i % 3 != 2 and i + 1 < len(items):
            s.line(bx + bw, by + bh / 2, bx + bw + gap - 2, by + bh / 2,
                   stroke=ACCENT, arrow=True)
    # From the end of the first row to the start of the second.
    s.path("M%d,%d V%d H%d V%d" % (lx + 2 * (bw + gap) + bw / 2, ly + bh,
                                   ly + bh + 15, lx + bw / 2,
                                   ly + bh + 28), stroke=ACCENT, arrow=True)
    s.line(x + w, y + rh + rh / 2, lx - 2, ly + bh / 2, stroke=ACCENT,
           arrow=True)
    # The softclock thread.
    ty = 170
    s.rect(lx, ty, 150, 30, fill=GREEN, rx=4)
    s.text(lx + 75, ty + 19, "softclock1", anchor="middle", bold=True)
    s.path("M%d,%d H%d V%d" % (x + w, y + 2 * rh + rh / 2, x + w + 12,
                               ty + 15), stroke=ACCENT)
    s.line(x + w + 12, ty + 15, lx - 2, ty + 15, stroke=ACCENT, arrow=True)
    s.text(lx + 160, ty + 12, "the tick found the head due", size=9.5,
           fill=MUTED)
    s.text(lx + 160, ty + 25, "and scheduled it", size=9.5, fill=MUTED)
    s.text(x, ty + 52, "softclock1 takes each due callout off the list and "
           "calls it, in order, then blocks", size=9.5, fill=MUTED)
    s.text(x, 128, "due now (c_time \u2264 gd_ticks):", size=10)
    s.rect(x, 136, 12, 12, fill=HOT)
    s.text(x + 18, 146, "called at this tick", size=10)
    s.rect(x, 154, 12, 12, fill=OURS)
    s.text(x + 18, 164, "waits for a later one", size=10)
    return s


def msgport_flow():
    """Chapter "Message ports": the port decides; the reply always
    arrives at the reply port."""
    s = Svg(520, 250, "A message and the port that decides")

    def box(x, y, w, h, title, lines, fill):
        s.rect(x, y, w, h, fill=fill, rx=4)
        s.text(x + w / 2, y + 15, title, anchor="middle", bold=True,
               size=10.5)
        for k, ln in enumerate(lines):
            s.text(x + w / 2, y + 30 + 12 * k, ln, anchor="middle",
                   mono=True, size=9.5, fill=MUTED)
    box(14, 96, 110, 58, "sender", ["lwkt_domsg", "lwkt_sendmsg"], OURS)
    box(188, 96, 126, 58, "target port", ["mp_putport(port,", "msg)"],
        HOT)
    # At once: the put-only port.
    box(380, 14, 126, 58, "put-only port", ["runs it now,", "returns error"],
        GREEN)
    # Queued: the thread port and its server.
    box(380, 178, 126, 58, "thread port", ["queues: -EASYNC;", "its thread"],
        GREEN)
    box(188, 178, 126, 58, "reply port", ["mp_replyport:", "DONE, wake"],
        OURS)
    s.line(124, 125, 186, 125, stroke=ACCENT, arrow=True)
    s.text(155, 118, "put", anchor="middle", size=9.5, fill=ACCENT)
    s.path("M314,110 C340,110 350,43 378,43", stroke=ACCENT, arrow=True)
    s.path("M314,140 C340,140 350,192 378,192", stroke=ACCENT, arrow=True)
    s.line(380, 222, 316, 222, stroke=ACCENT, arrow=True)
    s.text(348, 246, "lwkt_replymsg", anchor="middle", size=9.5, mono=True,
           fill=ACCENT)
    # Back to the sender: the error at once, or the reply after a wait.
    s.path("M380,30 H69 V94", stroke=ACCENT, arrow=True)
    s.text(150, 24, "domsg: returns it; sendmsg: replies it",
           size=9.5, fill=MUTED)
    s.path("M188,207 H69 V156", stroke=ACCENT, arrow=True)
    s.text(14, 224, "lwkt_waitmsg,", size=9.5, mono=True, fill=MUTED)
    s.text(14, 237, "lwkt_waitport", size=9.5, mono=True, fill=MUTED)
    return s


def msgport_ipi():
    """Chapter "Message ports": a round trip to a thread port of another
    CPU; each CPU touches only its own port."""
    s = Svg(520, 300, "A thread port of another CPU")
    lx, rx, top = 120, 400, 30
    for x, title, sub in [(lx, "CPU 0", "thread T, reply port R"),
                          (rx, "CPU 1", "thread S, port P")]:
        s.text(x, top - 12, title, anchor="middle", bold=True)
        s.text(x, top + 2, sub, anchor="middle", size=9.5, fill=MUTED)
        s.line(x, top + 10, x, 290, stroke=MUTED, dash="3 3")

    def step(x, y, text, fill=OURS, w=196):
        s.rect(x - w / 2, y, w, 22, fill=fill, rx=3)
        s.text(x, y + 15, text, anchor="middle", mono=True, size=9.5)
    step(lx, 48, "T: lwkt_domsg(P, m)")
    step(lx, 76, "m: SYNC | INTRANSIT", fill=HOT)
    step(rx, 112, "putport_remote: queue on P")
    step(rx, 140, "S: lwkt_waitport(P), serve")
    step(rx, 168, "lwkt_replymsg(m, error)")
    step(rx, 196, "m: REPLY | INTRANSIT", fill=HOT)
    step(lx, 232, "replyport_remote: DONE, wake T")
    step(lx, 260, "T: lwkt_waitmsg returns")
    s.line(lx + 98, 87, rx - 100, 120, stroke=ACCENT, arrow=True)
    s.text(205, 112, "lwkt_send_ipiq", anchor="middle", mono=True,
           size=9.5, fill=ACCENT)
    s.line(rx - 100, 207, lx + 100, 240, stroke=ACCENT, arrow=True)
    s.text(300, 238, "lwkt_send_ipiq", anchor="middle", mono=True,
           size=9.5, fill=ACCENT)
    s.text(lx - 96, 292, "T sleeps in lwkt_waitmsg from the put to the "
           "reply; S sleeps on P between messages", size=9.5, fill=MUTED)
    return s


def vmspace_layout():
    """Chapter "User address spaces": one process's address space."""
    user, kern, none = GREEN, OURS, GREY
    return _memory_map(
        "A user address space", [
            ("0xFE000000", "device window", HOT, "the kernel's, in every\n"
             "page directory", False),
            ("0xC0000000", "not mapped", none, None, True),
            ("0xBF800000", "the stack region: 8 MiB,\ndemand-zero, grows down",
             user, "USER_STACK_TOP - USER_STACK_MAX", False),
            ("0xBF7FF000", "the signal trampoline's page", user,
             "read and execute", False),
            ("", "free for the heap to grow into", FREE, None, True),
            ("", "the heap: sbrk moves its end", user, "vm_brk_base: the page"
             "\nafter the data", False),
            ("", "data and .bss (read, write)", user, "regions of kind\n"
             "VR_PROGRAM", False),
            ("0x40001000", "code and constants (read, execute)", user, None,
             False),
            ("0x40000000", "page 0 of user space: not mapped", none,
             "USER_MIN: a NULL plus\nan offset faults", True),
            ("0x00000000", "the direct map of physical memory", kern,
             "the kernel's, shared", False),
        ], addr_w=88, legend=[(user, "this process's (PG_U)"),
                              (kern, "the kernel's"), (GREY, "not mapped")])


def usermode_trap():
    """Chapter "User mode": a trap from ring 3 changes stacks."""
    s = Svg(580, 262, "A trap from user mode")
    s.text(100, 18, "user stack (ring 3)", anchor="middle", bold=True)
    s.text(380, 18, "the thread's kernel stack", anchor="middle", bold=True)
    s.rect(20, 30, 160, 150, fill=GREEN)
    s.text(100, 60, "the program's", anchor="middle", size=10.5)
    s.text(100, 74, "frames", anchor="middle", size=10.5)
    s.line(20, 110, 180, 110, stroke=MUTED, dash="3 3")
    s.text(100, 126, "%esp at the trap", anchor="middle", size=10,
           fill=MUTED)
    rows = [("ss, esp", "pushed by the CPU"), ("eflags, cs, eip", ""),
            ("error code, vector", "by the CPU or the stub"),
            ("ds es fs gs", "by alltraps"), ("pushal, cr2", "")]
    y = 30
    for text, note in rows:
        s.rect(300, y, 160, 24, fill=HOT)
        s.text(380, y + 16, text, anchor="middle", mono=True, size=9.5)
        if note:
            s.text(466, y + 16, note, size=9, fill=MUTED)
        y += 24
    s.text(380, y + 18, "struct trapframe: td_frame", anchor="middle",
           size=10, fill=ACCENT)
    s.rect(300, y + 26, 160, 40, fill=OURS)
    s.text(380, y + 50, "the kernel's C frames", anchor="middle", size=10)
    s.line(180, 110, 298, 31, stroke=ACCENT, arrow=True)
    s.text(192, 126, "int, fault, IRQ", size=10, fill=ACCENT)
    s.text(212, 44, "tss_esp0", size=10, fill=ACCENT)
    s.text(20, 236, "On entry: %fs = GDT_PERCPU_SEL (mycpu works); on the "
           "way out: userret", size=10, fill=MUTED)
    s.text(20, 250, "(signals), then iret pops the same frame back into "
           "ring 3.", size=10, fill=MUTED)
    return s


def proc_tree():
    """Chapter "Processes": the tree, and where orphans go."""
    s = Svg(560, 236, "The process tree")

    def node(x, y, text, fill=OURS, w=104):
        s.rect(x - w / 2, y, w, 30, fill=fill, rx=4)
        s.text(x, y + 19, text, anchor="middle", size=10.5)
    node(280, 14, "proc0 (kernel)", GREY, 120)
    node(120, 84, "1 init")
    node(300, 84, "test program")
    node(460, 84, "test program")
    node(60, 160, "sh")
    node(190, 160, "orphan")
    node(330, 160, "its child")
    for x in (120, 300, 460):
        s.line(280, 44, x, 82, arrow=True, stroke=ACCENT)
    s.line(120, 114, 60, 158, arrow=True, stroke=ACCENT)
    s.line(300, 114, 330, 158, arrow=True, stroke=ACCENT)
    s.line(300, 114, 190, 158, arrow=True, stroke=MUTED, dash="4 3")
    s.path("M170,160 C150,135 140,125 132,116", stroke=GREEN, arrow=True,
           width=2)
    s.text(14, 208, "An orphan (its parent exited) goes to init, or to "
           "proc0, freed at its exit, when", size=10, fill=MUTED)
    s.text(14, 222, "no init runs.  Each child is on its parent's "
           "p_children; all are on allproc.", size=10, fill=MUTED)
    return s


def exec_stack():
    """Chapter "Programs": the stack a new program starts with."""
    rows = [
        ("", "the strings: argv's, then envp's,\neach with its "
         "NUL", GREEN, "they end at USER_STACK_TOP\n(0xC0000000)", False),
        ("", "padding to 16 bytes", FREE, None, True),
        ("", "NULL", OURS, None, False),
        ("", "envp[0] ... envp[envc-1]", OURS, "pointers to the strings",
         False),
        ("", "NULL", OURS, None, False),
        ("", "argv[0] ... argv[argc-1]", OURS, "pointers to the strings",
         False),
        ("%esp", "argc", HOT, "16-byte aligned: crt0\nfinds it here",
         False),
        ("", "the rest of the stack region, demand-zero", GREY, None, True),
    ]
    return _memory_map("A new program's stack", rows, addr_w=88,
                       legend=[(OURS, "vectors"), (GREEN, "strings"),
                               (HOT, "argc")])


def signal_frame():
    """Chapter "Signals": calling a handler and coming back."""
    s = Svg(560, 270, "A signal handler's call")
    rows = [("the interrupted stack", "up to the old %esp", GREEN),
            ("struct sigcontext sf_sc", "registers, eip, esp, mask", HOT),
            ("sf_scp", "= &sf_sc", HOT),
            ("sf_signum", "the handler's argument", HOT),
            ("sf_ret", "-> the trampoline", HOT)]
    y = 20
    for text, note, fill in rows:
        h = 40 if fill == GREEN else 26
        s.rect(30, y, 200, h, fill=fill)
        s.text(130, y + h / 2 + 4, text, anchor="middle", mono=True,
               size=9.5)
        s.text(238, y + h / 2 + 4, note, size=9.5, fill=MUTED)
        y += h
    s.text(30, y + 16, "%esp at the handler's first instruction", size=10,
           fill=ACCENT)
    s.line(30, y, 24, y, stroke=ACCENT)
    s.rect(380, 60, 160, 54, fill=OURS, rx=4)
    s.text(460, 80, "trampoline page", anchor="middle", bold=True, size=10)
    s.text(460, 96, "movl 4(%esp), %ebx", anchor="middle", mono=True,
           size=9)
    s.text(460, 108, "int $0x80: sigreturn", anchor="middle", mono=True,
           size=9)
    s.rect(380, 160, 160, 40, fill=GREEN, rx=4)
    s.text(460, 184, "the handler", anchor="middle", bold=True, size=10)
    s.path("M460,160 C470,140 470,130 460,116", stroke=ACCENT, arrow=True)
    s.text(476, 142, "returns", size=9.5, fill=ACCENT)
    s.text(30, 238, "The kernel writes the frame with copyout and points "
           "the trap frame at the handler;", size=10, fill=MUTED)
    s.text(30, 252, "sigreturn checks the saved context and copies it "
           "back into the trap frame.", size=10, fill=MUTED)
    return s


def _box(s, x, y, w, h, title, lines=(), fill=OURS, mono_title=False,
         mono=True, size=9.5, rx=4, dash=None, title_size=10.5):
    """A box with a bold title and centred lines under it, the whole
    block centred vertically."""
    s.rect(x, y, w, h, fill=fill, rx=rx, dash=dash)
    n = (1 if title else 0) + len(lines)
    top = y + h / 2 - (n - 1) * 6.5 + 4
    k = 0
    if title:
        s.text(x + w / 2, top, title, anchor="middle", bold=True,
               mono=mono_title, size=title_size)
        k = 1
    for ln in lines:
        s.text(x + w / 2, top + 13 * k, ln, anchor="middle", mono=mono,
               size=size, fill=MUTED)
        k += 1


def usched_queues():
    """Chapter "The user scheduler": two CPUs, one current process each,
    the others on the policy's queues."""
    s = Svg(520, 384, "The user scheduler's queues")
    cpus = [(0, 14, "A", {0: ["D"], 3: ["E", "F"]}, "0x09", 3,
             [("10", "C", "kernel, just woken", HOT),
              ("6", "A", "user mode", GREEN)]),
            (1, 268, "B", {5: ["G"]}, "0x20", 1,
             [("6", "B", "user mode", GREEN)])]
    for cpu, x, cur, queued, mask, count, lwkt in cpus:
        s.text(x + 119, 16, "CPU %d" % cpu, anchor="middle", bold=True)
        # The current user process.
        s.rect(x, 28, 112, 24, fill=OURS)
        s.text(x + 6, 44, "gd_uschedcp", mono=True, size=10)
        s.rect(x + 150, 26, 88, 28, fill=GREEN, rx=4)
        s.text(x + 164, 44, cur, bold=True)
        s.text(x + 178, 44, "user mode", size=9.5, fill=MUTED)
        s.line(x + 112, 40, x + 148, 40, stroke=ACCENT, arrow=True)
        # The policy's queues of this CPU: a list per level.
        s.text(x, 78, "us_cpu[%d].uq_q[level]" % cpu, mono=True, size=10,
               bold=True)
        rh, top = 18, 86
        for lv in range(8):
            y = top + lv * rh
            full = lv in queued
            s.rect(x, y, 60, rh, fill="#f3f7fb" if full else FREE)
            s.text(x + 6, y + 13, "[%d]" % lv, mono=True, size=10)
            if not full:
                continue
            px = x + 80
            s.line(x + 60, y + rh / 2, px - 2, y + rh / 2, stroke=ACCENT,
                   arrow=True)
            for k, name in enumerate(queued[lv]):
                s.rect(px, y + 1, 34, rh - 2, fill=OURS, rx=3)
                s.text(px + 17, y + 13, name, anchor="middle", bold=True,
                       size=10)
                if k + 1 < len(queued[lv]):
                    s.line(px + 34, y + rh / 2, px + 48, y + rh / 2,
                           stroke=ACCENT, arrow=True)
                px += 50
        y = top + 8 * rh + 16
        s.text(x, y, "uq_mask %s, uq_count %d" % (mask, count), mono=True,
               size=9.5, fill=MUTED)
        # LWKT's run queue of this CPU.
        y += 24
        s.text(x, y, "LWKT's run queue", bold=True, size=10)
        for k, (pri, name, note, fill) in enumerate(lwkt):
            yy = y + 8 + k * 22
            s.text(x, yy + 14, "pri %s" % pri, mono=True, size=9.5)
            s.rect(x + 52, yy, 34, 20, fill=fill, rx=3)
            s.text(x + 69, yy + 14, name, anchor="middle", bold=True,
                   size=10)
            if note:
                s.text(x + 94, yy + 14, note, size=9.5, fill=MUTED)
    s.line(260, 10, 260, 326, stroke=MUTED, dash="3 3")
    s.text(14, 344, "Level 0 is the best: a process sinks as it computes. "
           "D, E, F and G wait, their threads", size=10, fill=MUTED)
    s.text(14, 358, "blocked in acquire_curproc, until select_curproc "
           "picks them; C runs in the kernel", size=10, fill=MUTED)
    s.text(14, 372, "(TDPRI_KERN_USER) until it too reaches "
           "acquire_curproc.", size=10, fill=MUTED)
    return s


def fd_table():
    """Chapter "Files, descriptors and pipes": descriptors, files, and
    what serves them, after a fork and a dup2."""
    s = Svg(520, 334, "Descriptors and files")
    tx, tw, rh = 14, 100, 20
    tables = [("parent", 40, None, {0: 0, 1: 0, 2: 0, 3: 1, 4: 2},
               ACCENT),
              ("child, after fork", 190, 1, {0: 0, 1: 2, 2: 0, 3: 1, 4: 2},
               HOT_STROKE)]
    fx, fw = 196, 150
    files = [(30, "the console", "f_count 5", "FREAD | FWRITE"),
             (120, "the pipe's read end", "f_count 2", "FREAD"),
             (210, "... its write end", "f_count 3", "FWRITE")]
    fh = 64
    # Where the arrows of the descriptors end on each file's left edge.
    ends = {0: [42, 52, 62, 72, 82], 1: [140, 150], 2: [230, 240, 250]}
    used = {0: 0, 1: 0, 2: 0}
    for title, top, dup, target, colour in tables:
        s.text(tx, top - 8, title, bold=True, size=10)
        if dup is None:
            s.text(tx + 48, top - 8, "p_fd->fd_table", mono=True, size=9,
                   fill=MUTED)
        for fd in range(5):
            y = top + fd * rh
            s.rect(tx, y, tw, rh, fill=OURS)
            s.text(tx + 6, y + 14, "[%d]" % fd, mono=True, size=10)
            if fd == dup:
                s.text(tx + tw - 5, y + 14, "dup2(4, 1)", mono=True,
                       size=8.5, anchor="end", fill=HOT_STROKE)
            f = target[fd]
            ey = ends[f][used[f]]
            used[f] += 1
            s.line(tx + tw, y + rh / 2, fx - 2, ey, stroke=colour,
                   arrow=True)
    for y, name, count, flags in files:
        s.rect(fx, y, fw, fh, fill=FREE, rx=4)
        s.text(fx + 8, y + 16, "struct file", mono=True, bold=True,
               size=10)
        s.text(fx + 8, y + 30, name, size=10)
        s.text(fx + 8, y + 44, count, mono=True, size=9.5, fill=MUTED)
        s.text(fx + 8, y + 57, flags, mono=True, size=9.5, fill=MUTED)
    # Operations and objects.
    ox, ow = 390, 120
    _box(s, ox, 30, ow, 28, "tty_ops", mono_title=True, fill=GREEN,
         title_size=10)
    _box(s, ox, 66, ow, 28, "cons_tty", mono_title=True, fill=HOT,
         title_size=10)
    _box(s, ox, 130, ow, 28, "pipe_ops", mono_title=True, fill=GREEN,
         title_size=10)
    _box(s, ox, 176, ow, 84, "struct pipe", ["pp_buf:", "PIPE_SIZE bytes",
                                             "pp_readers 1", "pp_writers 1"],
         fill=HOT, mono_title=True, title_size=10)
    # f_ops and f_data of each file: (from y, to y) twice.
    for (o0, o1), (d0, d1) in [((44, 44), (80, 80)), ((140, 144),
                                                      (164, 200)),
                               ((230, 152), (250, 236))]:
        s.line(fx + fw, o0, ox - 2, o1, stroke=MUTED, arrow=True)
        s.line(fx + fw, d0, ox - 2, d1, stroke=MUTED, arrow=True)
    s.text(fx + fw + 6, 39, "f_ops", mono=True, size=8.5, fill=MUTED)
    s.text(fx + fw + 6, 75, "f_data", mono=True, size=8.5, fill=MUTED)
    s.text(14, 312, "The child's table is a copy of its parent's: the same "
           "files, each counted once more.", size=10, fill=MUTED)
    s.text(14, 326, "A file is closed (fo_close) when its last reference "
           "goes.", size=10, fill=MUTED)
    return s


def tty_input():
    """Chapter "The console terminal": a character from the UART to
    read, and ^C to the foreground group."""
    s = Svg(520, 330, "Console input")
    _box(s, 14, 24, 96, 50, "UART", ["COM1"], fill=GREY)
    _box(s, 150, 24, 170, 50, "cons_rx_intr", ["UART_IER = 0, lapic_eoi",
                                               "lwkt_schedule_interrupt"],
         fill=HOT, mono_title=True)
    _box(s, 360, 24, 146, 50, "cons_rx_thread", ["uart_getc until empty",
                                                 "IER_RDA again, block"],
         fill=GREEN, mono_title=True)
    s.line(110, 49, 148, 49, stroke=ACCENT, arrow=True)
    s.text(130, 42, "IRQ 4", anchor="middle", size=9.5, fill=ACCENT)
    s.line(320, 49, 358, 49, stroke=ACCENT, arrow=True)
    s.text(340, 42, "wakes", anchor="middle", size=9.5, fill=ACCENT)
    s.text(14, 92, "a key is typed", size=9.5, fill=MUTED)
    # The terminal and its line discipline.
    s.rect(14, 104, 492, 118, fill="#f7f9fb", rx=4)
    s.text(22, 120, "struct tty cons_tty", mono=True, bold=True, size=10)
    _box(s, 24, 140, 130, 40, "t_pgrp", ["the foreground group"],
         fill=OURS, mono_title=True, mono=False)
    _box(s, 180, 140, 140, 40, "ld_in", ["lines ready to read"],
         fill=OURS, mono_title=True, mono=False)
    _box(s, 360, 140, 136, 40, "ld_line", ["the line being typed"],
         fill=OURS, mono_title=True, mono=False)
    _box(s, 360, 188, 136, 26, "ld_echo", [], fill=OURS, mono_title=True,
         title_size=10)
    s.line(430, 74, 430, 138, stroke=ACCENT, arrow=True)
    s.text(424, 92, "tty_input(&cons_tty, c)", anchor="end", mono=True,
           size=9.5, fill=ACCENT)
    s.text(436, 92, "ldisc_input", mono=True, size=9.5, fill=ACCENT)
    s.line(360, 160, 322, 160, stroke=ACCENT, arrow=True)
    s.text(340, 154, "Enter", anchor="middle", size=9, fill=ACCENT)
    s.path("M374,140 V130 H89 V138", stroke=HOT_STROKE, arrow=True)
    s.text(220, 127, "^C: LD_SIGINT", mono=True, size=9.5,
           fill=HOT_STROKE)
    # Where it goes.
    _box(s, 24, 244, 130, 44, "foreground group", ["pgsignal: SIGINT"],
         fill=HOT)
    _box(s, 180, 244, 140, 44, "a process", ["read: tty_read,", "ldisc_read"],
         fill=GREEN)
    _box(s, 360, 244, 136, 44, "the screen", ["t_write:",
                                              "cons_tty_write"], fill=GREY)
    s.line(89, 180, 89, 242, stroke=HOT_STROKE, arrow=True)
    s.line(250, 180, 250, 242, stroke=ACCENT, arrow=True)
    s.line(428, 214, 428, 242, stroke=ACCENT, arrow=True)
    s.text(14, 308, "The handler only quiets the UART and wakes the thread; "
           "the thread may take t_spin", size=10, fill=MUTED)
    s.text(14, 322, "and block, which no interrupt handler may.", size=10,
           fill=MUTED)
    return s


def uport_copy():
    """Chapter "Ports for processes": a message's body copied in and out,
    and the reply back."""
    s = Svg(520, 318, "A message to a process's port and its reply")
    # The two processes and their memory.
    for x, title, sub in [(14, "sender", "pid 7"), (412, "owner", "pid 5")]:
        s.rect(x, 20, 96, 250, fill="#f7f9fb", rx=4)
        s.text(x + 48, 38, title, anchor="middle", bold=True)
        s.text(x + 48, 52, sub, anchor="middle", size=9.5, fill=MUTED)
    _box(s, 26, 78, 72, 30, "body", fill=GREEN, mono_title=True,
         title_size=10)
    _box(s, 26, 226, 72, 30, "buf", fill=GREEN, mono_title=True,
         title_size=10)
    _box(s, 424, 112, 72, 30, "buf", fill=GREEN, mono_title=True,
         title_size=10)
    _box(s, 424, 176, 72, 30, "body", fill=GREEN, mono_title=True,
         title_size=10)
    # The kernel's port: three lists.
    s.rect(196, 20, 130, 250, fill=FREE, rx=4, dash="4 3")
    s.text(261, 38, "struct uport", anchor="middle", bold=True, mono=True,
           size=10)
    s.text(261, 52, "the kernel's", anchor="middle", size=9.5, fill=MUTED)
    lists = [("up_sent", 78), ("up_taken", 148), ("up_replies", 226)]
    for name, y in lists:
        s.rect(206, y, 110, 30, fill=OURS)
        s.text(212, y - 4, name, mono=True, size=9.5)
        s.rect(226, y + 5, 70, 20, fill=HOT, rx=3)
        s.text(261, y + 19, "umsg 12", anchor="middle", mono=True, size=9)
    s.line(300, 108, 300, 146, stroke=MUTED, arrow=True)
    s.line(300, 178, 300, 224, stroke=MUTED, arrow=True)

    def label(x, y, lines, colour=ACCENT):
        for k, ln in enumerate(lines):
            s.text(x, y + 12 * k, ln, anchor="middle", mono=k == 0,
                   size=9.5, fill=colour)
    s.line(98, 93, 204, 93, stroke=ACCENT, arrow=True)
    label(150, 86, ["1 port_send"])
    label(150, 108, ["copyin"], MUTED)
    s.line(316, 158, 422, 127, stroke=ACCENT, arrow=True)
    label(366, 112, ["2 port_wait"])
    s.text(366, 125, "copyout", anchor="middle", size=9.5, fill=MUTED)
    s.line(422, 191, 316, 166, stroke=ACCENT, arrow=True)
    label(368, 196, ["3 port_reply", "copyin, in the", "request's place"])
    s.line(206, 241, 100, 241, stroke=ACCENT, arrow=True)
    label(150, 232, ["4 port_wait"])
    label(150, 256, ["copyout, keep"], MUTED)
    s.text(14, 290, "Each body is copied: the two processes share no memory. "
           "The id and um_sender go from", size=10, fill=MUTED)
    s.text(14, 304, "list to list, and to the reply; up_held counts them "
           "(at most UPORT_QMAX, 16).", size=10, fill=MUTED)
    return s


def shell_pipeline():
    """Chapter "init, the shell and the utilities": echo hello | wc in
    the foreground."""
    s = Svg(520, 318, "A pipeline in the foreground")
    _box(s, 180, 14, 160, 44, "sh (pid 10)", ["group 10; wait4 for both"],
         fill=OURS, mono=False)
    s.rect(24, 92, 472, 108, fill="#fdf6ea", rx=6, dash="5 3",
           stroke=HOT_STROKE)
    s.text(260, 110, "process group 11 (setpgid)", bold=True, size=10,
           anchor="middle", fill=HOT_STROKE)
    _box(s, 40, 120, 130, 68, "echo hello", ["pid 11", "0, 2: the console",
                                             "1: the pipe"],
         fill=GREEN, mono=False, mono_title=True)
    _box(s, 210, 132, 100, 44, "pipe", ["PIPE_SIZE bytes"], fill=HOT,
         mono=False, mono_title=True)
    _box(s, 350, 120, 130, 68, "wc", ["pid 12", "0: the pipe",
                                      "1, 2: the console"],
         fill=GREEN, mono=False, mono_title=True)
    s.line(170, 154, 208, 154, stroke=ACCENT, arrow=True, width=1.5)
    s.text(188, 148, "1", anchor="middle", mono=True, size=9.5,
           fill=ACCENT)
    s.line(310, 154, 348, 154, stroke=ACCENT, arrow=True, width=1.5)
    s.text(330, 148, "0", anchor="middle", mono=True, size=9.5,
           fill=ACCENT)
    s.path("M220,58 L105,118", stroke=MUTED, arrow=True)
    s.path("M300,58 L415,118", stroke=MUTED, arrow=True)
    s.text(150, 78, "fork, execve", anchor="end", size=9.5, fill=MUTED)
    s.text(370, 78, "fork, execve", size=9.5, fill=MUTED)
    # The console and its foreground group.
    _box(s, 160, 228, 200, 44, "struct tty cons_tty", ["t_pgrp = 11"],
         fill=OURS, mono_title=True, title_size=10)
    s.line(260, 226, 260, 202, stroke=HOT_STROKE, arrow=True, width=1.5)
    s.text(268, 218, "^C: SIGINT to the group", size=9.5, fill=HOT_STROKE)
    s.text(370, 246, "tcsetpgrp(0, 11);", mono=True, size=9.5,
           fill=MUTED)
    s.text(370, 260, "after: back to 10", size=9.5, fill=MUTED)
    s.text(14, 296, "The shell closes its ends of the pipe; wc reads "
           "0 (the end) once echo's end is", size=10, fill=MUTED)
    s.text(14, 310, "closed.  The shell, in group 10, is not the "
           "foreground: ^C does not reach it.", size=10, fill=MUTED)
    return s


def ext2_layout():
    """Chapter "ext2": the disk cut into block groups, one group's
    metadata, and an inode's block map."""
    s = Svg(580, 372, "An ext2 disk")
    # The disk: the boot block, then the groups.
    x, y, h = 14, 30, 34
    s.text(x, y - 10, "the disk (1 KiB blocks: block 0, then groups "
           "from block 1)", size=10, fill=MUTED)
    s.rect(x, y, 52, h, fill=FIRMWARE)
    s.text(x + 26, y + 21, "boot", anchor="middle", size=10)
    gx, gw = x + 52, 122
    for g in range(4):
        s.rect(gx + g * gw, y, gw, h, fill=HOT if g == 1 else OURS)
        s.text(gx + g * gw + gw / 2, y + 21,
               "group %d" % g if g < 3 else "... last group",
               anchor="middle", size=10.5, bold=g == 1)
    # Group 1, opened.
    zy, zh = 104, 44
    parts = [("super-", "block", 62, HOT), ("group", "descriptors", 80, HOT),
             ("reserved", "GDT", 62, GREY), ("block", "bitmap", 60, GREEN),
             ("inode", "bitmap", 60, GREEN), ("inode", "table", 86, OURS),
             ("data", "blocks ...", 142, FREE)]
    zx = x
    for top, bottom, w, fill in parts:
        s.rect(zx, zy, w, zh, fill=fill)
        s.text(zx + w / 2, zy + 19, top, anchor="middle", size=10)
        s.text(zx + w / 2, zy + 33, bottom, anchor="middle", size=10)
        zx += w
    s.line(gx + gw, y + h, x, zy, dash="3 3", stroke=MUTED)
    s.line(gx + 2 * gw, y + h, zx, zy, dash="3 3", stroke=MUTED)
    s.text(x, zy + zh + 15, "a copy of the superblock and the "
           "descriptors in groups 0, 1 and powers of 3, 5, 7 "
           "(sparse_super)", size=9.5, fill=MUTED)
    # An inode and its block map.
    iy, rh, iw = 196, 22, 150
    s.text(x, iy - 8, "an inode (in the inode table)", size=10, fill=MUTED)
    rows = ["mode, size, links, times", "i_blocks (sectors)",
            "i_block[0..11]", "i_block[12]", "i_block[13]", "i_block[14]"]
    for i, r in enumerate(rows):
        s.rect(x, iy + i * rh, iw, rh, fill=OURS)
        s.text(x + 6, iy + i * rh + 15, r, mono=i >= 2, size=9.5)

    def data(bx, by):
        s.rect(bx, by, 40, 16, fill=GREEN)
        s.text(bx + 20, by + 12, "data", anchor="middle", size=9)

    def ind(bx, by, name):
        s.rect(bx, by, 64, 18, fill=HOT)
        s.text(bx + 32, by + 13, name, anchor="middle", size=9)

    ax = x + iw
    # direct
    yd = iy + 2 * rh + rh / 2
    s.line(ax, yd, 234, yd, stroke=ACCENT, arrow=True)
    data(236, yd - 8)
    s.text(282, yd + 4, "12 direct blocks", size=9.5, fill=MUTED)
    # single
    ys = iy + 3 * rh + rh / 2
    s.line(ax, ys, 194, ys, stroke=ACCENT, arrow=True)
    ind(196, ys - 9, "single")
    s.line(260, ys, 292, ys, stroke=ACCENT, arrow=True)
    data(294, ys - 8)
    s.text(340, ys + 4, "a blocks (a = block size / 4)", size=9.5,
           fill=MUTED)
    # double
    yo = iy + 4 * rh + rh / 2 + 10
    s.path("M%d,%d H%d V%d H%d" % (ax, iy + 4 * rh + rh / 2, 182, yo, 194),
           stroke=ACCENT, arrow=True)
    ind(196, yo - 9, "double")
    s.line(260, yo, 276, yo, stroke=ACCENT, arrow=True)
    ind(278, yo - 9, "single")
    s.line(342, yo, 358, yo, stroke=ACCENT, arrow=True)
    data(360, yo - 8)
    s.text(406, yo + 4, "a\u00b2 blocks", size=9.5, fill=MUTED)
    # triple
    yt = iy + 5 * rh + rh / 2 + 24
    s.path("M%d,%d H%d V%d H%d" % (ax, iy + 5 * rh + rh / 2, 176, yt, 194),
           stroke=ACCENT, arrow=True)
    ind(196, yt - 9, "triple")
    s.line(260, yt, 276, yt, stroke=ACCENT, arrow=True)
    ind(278, yt - 9, "double")
    s.line(342, yt, 358, yt, stroke=ACCENT, arrow=True)
    ind(360, yt - 9, "single")
    s.line(424, yt, 440, yt, stroke=ACCENT, arrow=True)
    data(442, yt - 8)
    s.text(488, yt + 4, "a\u00b3 blocks", size=9.5, fill=MUTED)
    s.text(x, 362, "a 0 anywhere in the map is a hole: those blocks "
           "read as zeros", size=9.5, fill=MUTED)
    return s


FIGURES = {
    "boot-memory": boot_memory,
    "ext2-layout": ext2_layout,
    "disk-layout": disk_layout,
    "address-space": address_space,
    "page-walk": page_walk,
    "run-queues": run_queues,
    "ipiq-matrix": ipiq_matrix,
    "ipiq-ring": ipiq_ring,
    "callout-list": callout_list,
    "msgport-flow": msgport_flow,
    "msgport-ipi": msgport_ipi,
    "vmspace-layout": vmspace_layout,
    "usermode-trap": usermode_trap,
    "proc-tree": proc_tree,
    "exec-stack": exec_stack,
    "signal-frame": signal_frame,
    "usched-queues": usched_queues,
    "fd-table": fd_table,
    "tty-input": tty_input,
    "uport-copy": uport_copy,
    "shell-pipeline": shell_pipeline,
}


def drawings():
    """{name: SVG text} of every drawn figure."""
    return {name: make().render() for name, make in sorted(FIGURES.items())}
