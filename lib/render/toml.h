/* toml.h — TOML text of a plain value, as BurntSushi/toml's Encoder writes it (Helm's toToml). */
#ifndef HELM_RENDER_TOML_H
#define HELM_RENDER_TOML_H

#include "buf.h"
#include "value.h"

/* Returns the malloc'd TOML text, or NULL with *err (the encoder's message). */
char *toml_encode(const hv *v, char **err);

#endif
