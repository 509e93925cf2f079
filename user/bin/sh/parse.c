/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stddef.h>
#include <string.h>

#include "sh.h"

enum token { T_WORD, T_PIPE, T_AMP, T_SEMI, T_IN, T_OUT, T_APPEND, T_END,
    T_ERROR };

struct scanner {
	const char *p;		/* the next character of the text */
	char	*out;		/* where the next word's characters go */
	const char *error;	/* set with T_ERROR */
};

/* Copy a quoted piece starting at the quote *P; advance past its end. */
static int
scan_quoted(struct scanner *sc)
{
	char q = *sc->p++;

	for (; *sc->p != q; sc->p++) {
		if (*sc->p == '\0') {
			sc->error = q == '\'' ? "unterminated ' quote" :
			    "unterminated \" quote";
			return -1;
		}
		if (q == '"' && sc->p[0] == '\\' &&
		    (sc->p[1] == '"' || sc->p[1] == '\\'))
			sc->p++;		/* \" and \\ inside "..." */
		*sc->out++ = *sc->p;
	}
	sc->p++;				/* the closing quote */
	return 0;
}

/* Does C end a word (a blank, an operator, the end)? */
static int
ends_word(char c)
{
	return c == '\0' || c == '\n' || c == ' ' || c == '\t' ||
	    c == '\r' || c == '|' || c == '&' || c == ';' || c == '<' ||
	    c == '>';
}

/* The next token; a word goes to sc->out, and *WORD points at it. */
static enum token
next_token(struct scanner *sc, char **word)
{
	while (*sc->p == ' ' || *sc->p == '\t' || *sc->p == '\r')
		sc->p++;
	switch (*sc->p) {
	case '\0': case '\n': case '#':
		return T_END;
	case '|': sc->p++; return T_PIPE;
	case '&': sc->p++; return T_AMP;
	case ';': sc->p++; return T_SEMI;
	case '<': sc->p++; return T_IN;
	case '>':
		if (sc->p[1] == '>') {
			sc->p += 2;
			return T_APPEND;
		}
		sc->p++;
		return T_OUT;
	}
	*word = sc->out;
	while (!ends_word(*sc->p)) {
		if (*sc->p == '\'' || *sc->p == '"') {
			if (scan_quoted(sc) != 0)
				return T_ERROR;
		} else if (*sc->p == '\\') {
			if (sc->p[1] == '\0' || sc->p[1] == '\n') {
				sc->error = "nothing after \\";
				return T_ERROR;
			}
			*sc->out++ = sc->p[1];
			sc->p += 2;
		} else {
			*sc->out++ = *sc->p++;
		}
	}
	*sc->out++ = '\0';
	return T_WORD;
}
/* Refuse the line: record why, return -1. */
static int
refuse(struct sh_line *line, const char *why)
{
	line->error = why;
	return -1;
}

/* Add WORD to the open command, opening a command (and a pipeline). */
static int
add_word(struct sh_line *line, int *cmd_open, char *word)
{
	struct sh_pipeline *pl;
	struct sh_cmd *cmd;

	if (!*cmd_open) {
		if (line->ncmds == SH_CMDS_MAX)
			return refuse(line, "too many commands in one line");
		cmd = &line->cmds[line->ncmds++];
		cmd->argc = 0;
		cmd->in = cmd->out = NULL;
		cmd->append = 0;
		pl = &line->pipes[line->npipes];
		if (pl->ncmds == 0)
			pl->cmds = cmd;
		pl->ncmds++;
		*cmd_open = 1;
	}
	cmd = &line->cmds[line->ncmds - 1];
	if (cmd->argc == SH_ARGS_MAX)
		return refuse(line, "too many words in one command");
	cmd->argv[cmd->argc++] = word;
	cmd->argv[cmd->argc] = NULL;
	return 0;
}

/* A redirection T of the open command: the next token must be the
 * file's name, which it records.  0, or -1 and line->error. */
static int
add_redirect(struct sh_line *line, struct scanner *sc, int cmd_open,
    enum token t)
{
	struct sh_cmd *cmd;
	char *file = NULL;

	if (!cmd_open)
		return refuse(line, t == T_IN ? "< has no command before it" :
		    "> has no command before it");
	cmd = &line->cmds[line->ncmds - 1];
	if (next_token(sc, &file) != T_WORD)
		return refuse(line, sc->error != NULL ? sc->error :
		    t == T_IN ? "< needs a file name" : "> needs a file name");
	if (t == T_IN) {
		cmd->in = file;
	} else {
		cmd->out = file;
		cmd->append = t == T_APPEND;
	}
	return 0;
}

/* Parse TEXT into LINE; 0, or -1 and line->error. */
int
sh_parse(const char *text, struct sh_line *line)
{
	struct scanner sc = { text, line->words, NULL };
	int cmd_open = 0, need_cmd = 0, i;
	enum token t;
	char *word = NULL;

	line->npipes = line->ncmds = 0;
	line->error = NULL;
	for (i = 0; i < SH_CMDS_MAX; i++)
		line->pipes[i].ncmds = 0;
	if (strnlen(text, SH_LINE_MAX) == SH_LINE_MAX)
		return refuse(line, "line too long");
	for (;;) {
		t = next_token(&sc, &word);
		if (t == T_ERROR)
			return refuse(line, sc.error);
		if (t == T_WORD) {
			if (add_word(line, &cmd_open, word) != 0)
				return -1;
			need_cmd = 0;
			continue;
		}
		if (t == T_IN || t == T_OUT || t == T_APPEND) {
			if (add_redirect(line, &sc, cmd_open, t) != 0)
				return -1;
			continue;
		}
		if (t == T_PIPE) {
			if (!cmd_open)
				return refuse(line, "| has no command before it");
			cmd_open = 0;
			need_cmd = 1;
			continue;
		}
		if (need_cmd)
			return refuse(line, "| has no command after it");
		if (t == T_END) {
			if (cmd_open)
				line->pipes[line->npipes++].background = 0;
			return 0;
		}
		if (!cmd_open)
			return refuse(line, t == T_AMP ?
			    "& has no command before it" :
			    "; has no command before it");
		line->pipes[line->npipes++].background = t == T_AMP;
		cmd_open = 0;
	}
}
