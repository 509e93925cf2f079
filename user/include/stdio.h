/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Buffered input and output on file descriptors.
 *
 * printf formats with the kernel's kvcprintf: %d %i %u %x %X %p %s %c
 * %%, a width, the flags - and 0, and the length modifiers l and ll.
 */
#ifndef NAIAD_USER_STDIO_H
#define NAIAD_USER_STDIO_H

#include <stdarg.h>
#include <stddef.h>

/** What the character functions return at the end or on an error. */
#define EOF	(-1)
/** The size of a stream's buffer. */
#define BUFSIZ	1024

/** A stream: a file descriptor with a buffer (opaque). */
typedef struct FILE FILE;

/** Descriptor 0, read a buffer at a time. */
extern FILE *stdin;
/** Descriptor 1, written a line at a time. */
extern FILE *stdout;
/** Descriptor 2, written at the end of every call. */
extern FILE *stderr;

/** \brief Write \a c; returns it as an unsigned char, or EOF. */
int fputc(int c, FILE *f);
/** \brief fputc, for tradition. */
int putc(int c, FILE *f);
/** \brief fputc to stdout. */
int putchar(int c);
/** \brief Write the string \a s; >= 0, or EOF on an error. */
int fputs(const char *s, FILE *f);
/** \brief Write \a s and a newline to stdout; >= 0, or EOF. */
int puts(const char *s);
/** \brief Format to stdout; the characters produced, or -1. */
int printf(const char *fmt, ...) __attribute__((format(__printf__, 1, 2)));
/** \brief Format to \a f; the characters produced, or -1. */
int fprintf(FILE *f, const char *fmt, ...)
    __attribute__((format(__printf__, 2, 3)));
/** \brief printf with a va_list. */
int vprintf(const char *fmt, va_list ap);
/** \brief fprintf with a va_list. */
int vfprintf(FILE *f, const char *fmt, va_list ap);
/**
 * \brief Format into \a buf of \a size bytes, always terminated when
 * \a size > 0; returns the length the whole result would have.
 */
int snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(__printf__, 3, 4)));
/** \brief snprintf with a va_list. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
/** \brief Write out \a f's buffer (every stream's when NULL); 0 or EOF. */
int fflush(FILE *f);

/** \brief The next byte of \a f as an unsigned char, or EOF. */
int fgetc(FILE *f);
/** \brief fgetc, for tradition. */
int getc(FILE *f);
/** \brief fgetc from stdin. */
int getchar(void);
/**
 * \brief Read a line (with its newline, if it fits) into \a s of
 * \a size bytes, terminated.  NULL at the end of input or on an error
 * before any byte was read.
 */
char *fgets(char *s, int size, FILE *f);
/** \brief Has \a f reached the end of its input? */
int feof(FILE *f);
/** \brief Has an operation on \a f failed? */
int ferror(FILE *f);
/** \brief Forget \a f's end-of-input and error flags. */
void clearerr(FILE *f);
/** \brief Print \a s, a colon and the message of errno to stderr. */
void perror(const char *s);

#endif /* !NAIAD_USER_STDIO_H */
