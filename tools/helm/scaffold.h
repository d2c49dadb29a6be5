/* scaffold.h — the chart `helm create` writes. */
#ifndef HELM_SCAFFOLD_H
#define HELM_SCAFFOLD_H

struct scaffold_file {
	const char *path;    /* inside the chart directory */
	const char *content; /* "<CHARTNAME>" is replaced by the chart's name */
};
extern const struct scaffold_file scaffold_files[]; /* ends with {NULL, NULL} */

#endif
