/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Variant symlinks, the pure part (book/46-varsym.nw): names, costs, a
 * scope's list, packing it, the order of the scopes, the expansion.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/errno.h"
#include "kern/kstring.h"
#include "kern/varsym_logic.h"

/* May C be part of a variable's name?  Letters, digits, _ . - */
int
varsym_namechar(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

/* Is NAME a name: 0; -EINVAL (empty, or a character a name may not
 * hold), -ENAMETOOLONG (MAXVARSYM_NAME bytes or more with its NUL). */
int
varsym_name_valid(const char *name)
{
	size_t n;

	for (n = 0; name[n] != '\0'; n++) {
		if (n + 1 >= MAXVARSYM_NAME)
			return -ENAMETOOLONG;
		if (!varsym_namechar((unsigned char)name[n]))
			return -EINVAL;
	}
	return n == 0 ? -EINVAL : 0;
}

/* What a variable of a NAMELEN-byte name and a DATALEN-byte value
 * costs its scope: its strings with their NULs, and the extra. */
uint32_t
varsym_cost(size_t namelen, size_t datalen)
{
	return (uint32_t)(VARSYM_COST_EXTRA + namelen + 1 + datalen + 1);
}

/* The bytes to allocate for such a variable. */
size_t
varsym_size(size_t namelen, size_t datalen)
{
	return sizeof(struct varsym) + namelen + 1 + datalen + 1;
}

/* Make the variable NAME=DATA in MEM, varsym_size bytes: it. */
struct varsym *
varsym_init(void *mem, const char *name, const char *data)
{
	struct varsym *vs = mem;

	vs->vs_next = NULL;
	vs->vs_namelen = (uint16_t)kstrlen(name);
	vs->vs_datalen = (uint16_t)kstrlen(data);
	kmemcpy(vs->vs_name, name, (size_t)vs->vs_namelen + 1);
	kmemcpy(vs->vs_name + vs->vs_namelen + 1, data,
	    (size_t)vs->vs_datalen + 1);
	return vs;
}
/* The variable of VL whose name is the NAMELEN bytes at NAME, or NULL. */
struct varsym *
varsym_find(const struct varsym_list *vl, const char *name, size_t namelen)
{
	struct varsym *vs;

	for (vs = vl->vl_first; vs != NULL; vs = vs->vs_next)
		if (vs->vs_namelen == namelen &&
		    kstrncmp(vs->vs_name, name, namelen) == 0)
			return vs;
	return NULL;
}
/* Put VS into VL, in the place of the variable of the same name (handed
 * back in *OLD for the caller to free) or last.  0, or -E2BIG when the
 * scope would cost more than MAXVARSYM_SET: VL is then unchanged. */
int
varsym_put(struct varsym_list *vl, struct varsym *vs, struct varsym **old)
{
	struct varsym **pp, *o;
	uint32_t bytes = vl->vl_bytes + varsym_cost(vs->vs_namelen,
	    vs->vs_datalen);

	*old = NULL;
	for (pp = &vl->vl_first; (o = *pp) != NULL; pp = &o->vs_next)
		if (o->vs_namelen == vs->vs_namelen &&
		    kstrcmp(o->vs_name, vs->vs_name) == 0)
			break;
	if (o != NULL)
		bytes -= varsym_cost(o->vs_namelen, o->vs_datalen);
	if (bytes > MAXVARSYM_SET)
		return -E2BIG;
	vs->vs_next = o != NULL ? o->vs_next : NULL;
	*pp = vs;
	if (o != NULL) {
		o->vs_next = NULL;
		*old = o;
	} else {
		vl->vl_count++;
	}
	vl->vl_bytes = bytes;
	return 0;
}
/* Unlink the variable NAME from VL: it (the caller frees it), or NULL. */
struct varsym *
varsym_remove(struct varsym_list *vl, const char *name)
{
	struct varsym **pp, *vs;
	size_t n = kstrlen(name);

	for (pp = &vl->vl_first; (vs = *pp) != NULL; pp = &vs->vs_next)
		if (vs->vs_namelen == n && kstrcmp(vs->vs_name, name) == 0) {
			*pp = vs->vs_next;
			vs->vs_next = NULL;
			vl->vl_count--;
			vl->vl_bytes -= varsym_cost(vs->vs_namelen,
			    vs->vs_datalen);
			return vs;
		}
	return NULL;
}

/* Empty VL: its variables, still linked by vs_next, for the caller to
 * free. */
struct varsym *
varsym_take_all(struct varsym_list *vl)
{
	struct varsym *first = vl->vl_first;

	vl->vl_first = NULL;
	vl->vl_count = 0;
	vl->vl_bytes = 0;
	return first;
}
/* The variables of VL from the MARKER-th on, as "name\0value\0" pairs
 * into BUF (SIZE bytes), as many whole ones as fit: the bytes written,
 * and in *NEXT the index to go on from, or -1 after the last.
 * -EOVERFLOW when not even the first fits (*NEXT is MARKER);
 * -EINVAL for a negative MARKER. */
int
varsym_pack(const struct varsym_list *vl, int marker, char *buf,
    size_t size, int *next)
{
	const struct varsym *vs;
	size_t bytes = 0, len;
	int i = 0;

	if (marker < 0)
		return -EINVAL;
	for (vs = vl->vl_first; vs != NULL && i < marker; vs = vs->vs_next)
		i++;
	for (; vs != NULL; vs = vs->vs_next, i++) {
		len = (size_t)vs->vs_namelen + vs->vs_datalen + 2;
		if (len > size - bytes) {
			*next = i;
			return bytes == 0 ? -EOVERFLOW : (int)bytes;
		}
		kmemcpy(buf + bytes, vs->vs_name, len);
		bytes += len;
	}
	*next = -1;
	return (int)bytes;
}
/* The scope that MASK searches after LEVEL (0: the first), in the order
 * process, user, system; 0 when there is none left. */
int
varsym_next_scope(int mask, int level)
{
	while (++level <= VARSYM_SYS)
		if ((mask & (1 << level)) != 0)
			return level;
	return 0;
}
/* The length of the reference ${NAME} at S (NAME a valid name), or 0
 * if S does not start with one. */
static size_t
varsym_reference(const char *s)
{
	size_t n = 2;

	if (s[0] != '$' || s[1] != '{')
		return 0;
	while (varsym_namechar((unsigned char)s[n]))
		n++;
	if (s[n] != '}' || n == 2 || n - 2 >= MAXVARSYM_NAME)
		return 0;
	return n + 1;
}
/* Append the LEN bytes at S to OUT (OUTSIZE bytes, *O used), keeping a
 * byte for the NUL: 1, or 0 when they do not fit. */
static int
varsym_append(char *out, size_t outsize, size_t *o, const char *s,
    size_t len)
{
	if (*o + len >= outsize)
		return 0;
	kmemcpy(out + *o, s, len);
	*o += len;
	return 1;
}
/* IN with every ${NAME} that LOOKUP knows replaced by its value, into
 * OUT (OUTSIZE bytes, NUL included): 0, or -ENAMETOOLONG when it does
 * not fit.  Unknown names and anything that is not a reference are
 * copied as written; values are not scanned again. */
int
varsym_expand(const char *in, char *out, size_t outsize,
    varsym_lookup_t lookup, const void *arg)
{
	char value[MAXVARSYM_DATA];
	size_t o = 0, n;
	int len;

	if (outsize == 0)
		return -ENAMETOOLONG;
	while (*in != '\0') {
		n = varsym_reference(in);
		if (n > 0 && (len = lookup(arg, in + 2, n - 3, value)) >= 0) {
			if (!varsym_append(out, outsize, &o, value,
			    (size_t)len))
				return -ENAMETOOLONG;
			in += n;
			continue;
		}
		for (n = 1; in[n] != '\0' && in[n] != '$'; n++)
			;
		if (!varsym_append(out, outsize, &o, in, n))
			return -ENAMETOOLONG;
		in += n;
	}
	out[o] = '\0';
	return 0;
}
