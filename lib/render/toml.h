/* toml.h — TOML as Helm's toToml and fromToml see it (BurntSushi/toml). */
#ifndef HELM_RENDER_TOML_H
#define HELM_RENDER_TOML_H

#include "buf.h"
#include "value.h"

/* Returns the malloc'd TOML text, or NULL with *err (the encoder's message). */
char *toml_encode(const hv *v, char **err);
/* Parses a TOML document into a map (integers int64, floats float64, date-times as text);
 * NULL with *err (malloc'd, "toml: line N: ...") when it is not valid TOML. */
hv *toml_parse(const char *s, size_t n, char **err);

#endif
