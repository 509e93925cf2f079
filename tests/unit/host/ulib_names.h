/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Forced in first (-include) when the C library of user/ is compiled for
 * the host unit tests (book/34-libc.nw): every public name of the
 * library gets the prefix ulib_, so that the library and the host's own
 * C library, which the test program also needs, live side by side.
 * The tests include it through ulib.h.  A name the library adds must be
 * added here, or the host build links the host's function instead.
 */
#ifndef NAIAD_TESTS_ULIB_NAMES_H
#define NAIAD_TESTS_ULIB_NAMES_H

/* The host's stdio.h defines these as macros; ours must not clash. */
#undef BUFSIZ
#undef memset
#define memset ulib_memset
#undef memcpy
#define memcpy ulib_memcpy
#undef memmove
#define memmove ulib_memmove
#undef memcmp
#define memcmp ulib_memcmp
#undef memchr
#define memchr ulib_memchr
#undef strlen
#define strlen ulib_strlen
#undef strnlen
#define strnlen ulib_strnlen
#undef strcmp
#define strcmp ulib_strcmp
#undef strncmp
#define strncmp ulib_strncmp
#undef strcpy
#define strcpy ulib_strcpy
#undef strcat
#define strcat ulib_strcat
#undef strlcpy
#define strlcpy ulib_strlcpy
#undef strlcat
#define strlcat ulib_strlcat
#undef strchr
#define strchr ulib_strchr
#undef strrchr
#define strrchr ulib_strrchr
#undef strstr
#define strstr ulib_strstr
#undef strdup
#define strdup ulib_strdup
#undef strerror
#define strerror ulib_strerror
#undef isdigit
#define isdigit ulib_isdigit
#undef isxdigit
#define isxdigit ulib_isxdigit
#undef isalpha
#define isalpha ulib_isalpha
#undef isalnum
#define isalnum ulib_isalnum
#undef isspace
#define isspace ulib_isspace
#undef isupper
#define isupper ulib_isupper
#undef islower
#define islower ulib_islower
#undef isprint
#define isprint ulib_isprint
#undef toupper
#define toupper ulib_toupper
#undef tolower
#define tolower ulib_tolower
#undef strtol
#define strtol ulib_strtol
#undef strtoul
#define strtoul ulib_strtoul
#undef atoi
#define atoi ulib_atoi
#undef abs
#define abs ulib_abs
#undef malloc
#define malloc ulib_malloc
#undef free
#define free ulib_free
#undef calloc
#define calloc ulib_calloc
#undef realloc
#define realloc ulib_realloc
#undef malloc_get_stats
#define malloc_get_stats ulib_malloc_get_stats
#undef exit
#define exit ulib_exit
#undef abort
#define abort ulib_abort
#undef fputc
#define fputc ulib_fputc
#undef putc
#define putc ulib_putc
#undef putchar
#define putchar ulib_putchar
#undef fputs
#define fputs ulib_fputs
#undef puts
#define puts ulib_puts
#undef printf
#define printf ulib_printf
#undef fprintf
#define fprintf ulib_fprintf
#undef vprintf
#define vprintf ulib_vprintf
#undef vfprintf
#define vfprintf ulib_vfprintf
#undef snprintf
#define snprintf ulib_snprintf
#undef vsnprintf
#define vsnprintf ulib_vsnprintf
#undef fflush
#define fflush ulib_fflush
#undef fgetc
#define fgetc ulib_fgetc
#undef getc
#define getc ulib_getc
#undef getchar
#define getchar ulib_getchar
#undef fgets
#define fgets ulib_fgets
#undef feof
#define feof ulib_feof
#undef ferror
#define ferror ulib_ferror
#undef clearerr
#define clearerr ulib_clearerr
#undef perror
#define perror ulib_perror
#undef FILE
#define FILE ulib_FILE
#undef stdin
#define stdin ulib_stdin
#undef stdout
#define stdout ulib_stdout
#undef stderr
#define stderr ulib_stderr
#undef errno
#define errno ulib_errno
#undef read
#define read ulib_read
#undef write
#define write ulib_write
#undef sbrk
#define sbrk ulib_sbrk
#undef _exit
#define _exit ulib__exit
#undef write_all
#define write_all ulib_write_all
#undef environ
#define environ ulib_environ

#undef signal
#define signal ulib_signal
#undef strsignal
#define strsignal ulib_strsignal
#undef signame
#define signame ulib_signame
#undef sigaction
#define sigaction ulib_sigaction
#undef sigprocmask
#define sigprocmask ulib_sigprocmask
#undef kill
#define kill ulib_kill

/* Types the host's headers define differently. */
#undef sigset_t
#define sigset_t ulib_sigset_t
#undef sighandler_t
#define sighandler_t ulib_sighandler_t

/* getopt (book/53-utilities.nw) */
#undef getopt
#define getopt ulib_getopt
#undef optind
#define optind ulib_optind
#undef opterr
#define opterr ulib_opterr
#undef optopt
#define optopt ulib_optopt
#undef optarg
#define optarg ulib_optarg

#endif
