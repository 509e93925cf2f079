/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The shell's parser (book/35-shell.nw) on the host: each line below is
 * parsed and the result written back in a plain notation, one bracket
 * per command with its words between commas, " | " between commands
 * and " ;" or " &" after each pipeline, then compared with what the
 * shell's grammar says the line means.  Refused lines must be refused
 * with the reason the chapter gives, and the limits hold exactly.
 * Redirections are written after a command's words as <FILE, >FILE or
 * >>FILE (the parser records them; book/53-utilities.nw opens them).
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "suites.h"
#include "../../user/bin/sh/sh.h"

/* LINE in the notation above. */
static void
render(const struct sh_line *line, char *out, size_t size)
{
	int p, c, w;
	size_t n = 0;

	out[0] = '\0';
	for (p = 0; p < line->npipes; p++) {
		const struct sh_pipeline *pl = &line->pipes[p];

		for (c = 0; c < pl->ncmds; c++) {
			const struct sh_cmd *cmd = &pl->cmds[c];

			n += (size_t)snprintf(out + n, size - n, "%s[",
			    c > 0 ? " | " : p > 0 ? " " : "");
			for (w = 0; w < cmd->argc; w++)
				n += (size_t)snprintf(out + n, size - n, "%s%s",
				    w > 0 ? "," : "", cmd->argv[w]);
			if (cmd->in != NULL)
				n += (size_t)snprintf(out + n, size - n, " <%s",
				    cmd->in);
			if (cmd->out != NULL)
				n += (size_t)snprintf(out + n, size - n, " %s%s",
				    cmd->append ? ">>" : ">", cmd->out);
			n += (size_t)snprintf(out + n, size - n, "]");
			CHECK_MSG(cmd->append == 0 || cmd->out != NULL, __LINE__,
			    "append without an output file, command %d", c);
			CHECK_MSG(cmd->argv[cmd->argc] == NULL, __LINE__,
			    "argv of command %d not NULL-terminated", c);
		}
		n += (size_t)snprintf(out + n, size - n, " %s",
		    pl->background ? "&" : ";");
	}
}

static const struct { const char *text, *means; } good[] = {
	{ "", "" },
	{ "   \t ", "" },
	{ "\n", "" },
	{ "# a comment | & ;", "" },
	{ "echo hello", "[echo,hello] ;" },
	{ "echo hello\n", "[echo,hello] ;" },
	{ "  echo   hello  ", "[echo,hello] ;" },
	{ "echo hello | wc", "[echo,hello] | [wc] ;" },
	{ "echo hello|wc", "[echo,hello] | [wc] ;" },
	{ "yes | cat | wc -l", "[yes] | [cat] | [wc,-l] ;" },
	{ "sleep 1 &", "[sleep,1] &" },
	{ "sleep 1&ps", "[sleep,1] & [ps] ;" },
	{ "a; b & c", "[a] ; [b] & [c] ;" },
	{ "a ;", "[a] ;" },
	{ "echo 'hello world'", "[echo,hello world] ;" },
	{ "echo \"hello world\"", "[echo,hello world] ;" },
	{ "echo hello\\ world", "[echo,hello world] ;" },
	{ "echo a'b c'd", "[echo,ab cd] ;" },
	{ "echo a'b'\"c\"d", "[echo,abcd] ;" },
	{ "echo ''", "[echo,] ;" },
	{ "echo '' \"\"", "[echo,,] ;" },
	{ "echo 'it''s'", "[echo,its] ;" },
	{ "echo \"a\\\"b\\\\c\\d\"", "[echo,a\"b\\c\\d] ;" },
	{ "echo '\\'", "[echo,\\] ;" },
	{ "echo '|' \"&\" \\;", "[echo,|,&,;] ;" },
	{ "echo \"'\" '\"'", "[echo,',\"] ;" },
	{ "echo x#y", "[echo,x#y] ;" },
	{ "echo x #y | z", "[echo,x] ;" },
	{ "echo \"a # b\"", "[echo,a # b] ;" },
	{ "kill -INT 42\r\n", "[kill,-INT,42] ;" },
	{ "echo hi > /tmp/x", "[echo,hi >/tmp/x] ;" },
	{ "echo hi>/tmp/x", "[echo,hi >/tmp/x] ;" },
	{ "echo a >> x", "[echo,a >>x] ;" },
	{ "cat < x", "[cat <x] ;" },
	{ "cat<x>y", "[cat <x >y] ;" },
	{ "cat > y < x", "[cat <x >y] ;" },
	{ "cat >y arg", "[cat,arg >y] ;" },
	{ "cat > a > b", "[cat >b] ;" },
	{ "cat > a >> b", "[cat >>b] ;" },
	{ "cat >> a > b", "[cat >b] ;" },
	{ "cat < x | wc > y", "[cat <x] | [wc >y] ;" },
	{ "echo 'a>b' \\< \">\"", "[echo,a>b,<,>] ;" },
	{ "echo x > 'a file'; cat < \"a file\" &",
	    "[echo,x >a file] ; [cat <a file] &" },
	{ "echo x >f # c", "[echo,x >f] ;" },
};

static void
test_lines_mean_what_the_grammar_says(void)
{
	static struct sh_line line;
	char got[512];
	unsigned i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		int r = sh_parse(good[i].text, &line);

		CHECK_MSG(r == 0, __LINE__, "\"%s\" refused: %s", good[i].text,
		    line.error ? line.error : "(no reason)");
		if (r != 0)
			continue;
		render(&line, got, sizeof(got));
		CHECK_MSG(strcmp(got, good[i].means) == 0, __LINE__,
		    "\"%s\" parsed as \"%s\", not \"%s\"", good[i].text, got,
		    good[i].means);
	}
}

static const struct { const char *text, *why; } bad[] = {
	{ "| wc", "| has no command before it" },
	{ "echo |", "| has no command after it" },
	{ "echo | | wc", "| has no command before it" },
	{ "echo | ;", "| has no command after it" },
	{ "echo | &", "| has no command after it" },
	{ "&", "& has no command before it" },
	{ "a && b", "& has no command before it" },
	{ "; echo", "; has no command before it" },
	{ "a ;; b", "; has no command before it" },
	{ "a & ;", "; has no command before it" },
	{ "echo 'abc", "unterminated ' quote" },
	{ "echo \"abc", "unterminated \" quote" },
	{ "echo \"abc\\\"", "unterminated \" quote" },
	{ "echo abc\\", "nothing after \\" },
	{ "echo abc\\\n", "nothing after \\" },
	{ "> f", "> has no command before it" },
	{ ">> f echo", "> has no command before it" },
	{ "< f cat", "< has no command before it" },
	{ "echo hi | > f", "> has no command before it" },
	{ "echo >", "> needs a file name" },
	{ "echo >>", "> needs a file name" },
	{ "cat <", "< needs a file name" },
	{ "echo > | wc", "> needs a file name" },
	{ "echo > > f", "> needs a file name" },
	{ "cat < ; ls", "< needs a file name" },
	{ "echo > # f", "> needs a file name" },
	{ "echo > 'f", "unterminated ' quote" },
};

static void
test_bad_lines_are_refused_with_a_reason(void)
{
	static struct sh_line line;
	unsigned i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		line.error = NULL;
		CHECK_MSG(sh_parse(bad[i].text, &line) == -1 && line.error &&
		    strcmp(line.error, bad[i].why) == 0, __LINE__,
		    "\"%s\": want \"%s\", got \"%s\"", bad[i].text, bad[i].why,
		    line.error ? line.error : "(accepted)");
	}
}

static void
test_limits_hold_exactly(void)
{
	static struct sh_line line;
	static char text[2 * SH_LINE_MAX];
	int i;

	/* SH_ARGS_MAX words fit in one command, one more does not */
	text[0] = '\0';
	for (i = 0; i < SH_ARGS_MAX; i++)
		strcat(text, "w ");
	CU_ASSERT_EQUAL(sh_parse(text, &line), 0);
	CU_ASSERT_EQUAL(line.cmds[0].argc, SH_ARGS_MAX);
	strcat(text, "w");
	CU_ASSERT_EQUAL(sh_parse(text, &line), -1);
	CU_ASSERT_STRING_EQUAL(line.error, "too many words in one command");

	/* SH_CMDS_MAX commands fit in one line, one more does not */
	text[0] = '\0';
	for (i = 0; i < SH_CMDS_MAX; i++)
		strcat(text, i % 2 ? "c & " : "c | ");
	strcat(text, "end");
	CU_ASSERT_EQUAL(sh_parse(text, &line), -1);
	CU_ASSERT_STRING_EQUAL(line.error, "too many commands in one line");
	text[strlen(text) - 5] = '\0';		/* drop "| end" */
	CU_ASSERT_EQUAL(sh_parse(text, &line), 0);
	CU_ASSERT_EQUAL(line.ncmds, SH_CMDS_MAX);

	/* a line of SH_LINE_MAX - 1 characters is taken, a longer refused */
	memset(text, 'x', SH_LINE_MAX - 1);
	text[SH_LINE_MAX - 1] = '\0';
	CU_ASSERT_EQUAL(sh_parse(text, &line), 0);
	CU_ASSERT_EQUAL(strlen(line.cmds[0].argv[0]), SH_LINE_MAX - 1);
	memset(text, 'x', SH_LINE_MAX);
	text[SH_LINE_MAX] = '\0';
	CU_ASSERT_EQUAL(sh_parse(text, &line), -1);
	CU_ASSERT_STRING_EQUAL(line.error, "line too long");
}

/* The worst case for the word store: every character its own word. */
static void
test_the_word_store_is_large_enough(void)
{
	static struct sh_line line;
	static char text[SH_LINE_MAX];
	int i, n = 0;

	/* "''" pairs: 2 characters of text for 1 byte of store, and ";"
	 * splits commands; the densest text is single characters apart */
	for (i = 0; i + 2 < SH_LINE_MAX && n < SH_ARGS_MAX; i += 2, n++) {
		text[i] = 'a';
		text[i + 1] = ' ';
	}
	text[i] = '\0';
	CU_ASSERT_EQUAL(sh_parse(text, &line), 0);
	CU_ASSERT((size_t)(line.cmds[0].argv[SH_ARGS_MAX - 1] - line.words) <
	    sizeof(line.words));
}

int
add_sh_parse_suite(void)
{
	static const struct unit_test tests[] = {
		{ "lines_mean_what_the_grammar_says",
		    test_lines_mean_what_the_grammar_says },
		{ "bad_lines_are_refused_with_a_reason",
		    test_bad_lines_are_refused_with_a_reason },
		{ "limits_hold_exactly", test_limits_hold_exactly },
		{ "the_word_store_is_large_enough",
		    test_the_word_store_is_large_enough },
		{ NULL, NULL }
	};

	return add_suite("sh_parse", tests);
}
