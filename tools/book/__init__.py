# Copyright (c) 2026 The Naiad authors.  All rights reserved.
# SPDX-License-Identifier: BSD-2-Clause
"""The book's build (tools/mkbook): reading the chapters (source), the
noweb pipeline and what it adds (pipeline, defs, doxygen), the HTML pages
(html), the PDF (latex) and the drawn figures (figures).  Python 3,
standard library only."""
