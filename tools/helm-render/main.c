/* helm-render — the rendering stage: a chart's templates and the values helm-merge-values
 * prints (JSON on stdin) -> manifests, in `helm template`'s layout or as JSON for later stages
 * (man/man1/helm-render.1, man/man7/helm-pipeline.7). */
#include "buf.h"
#include "chart.h"
#include "json.h"
#include "helmignore.h"
#include "render/gostr.h"
#include "render/manifest.h"
#include "render/render.h"
#include "template/template.h"
#include "util.h"
#include "values/document.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
	"Usage: helm-render [flags] CHART < VALUES.json\n"
	"\n"
	"Renders the templates of CHART (a directory or archive) with the values that\n"
	"helm-merge-values printed, and prints the manifests as `helm template` does.\n"
	"\n"
	"Flags:\n"
	"      --name NAME            release name (default \"release-name\")\n"
	"      --namespace NS         release namespace (default \"default\")\n"
	"      --revision N           release revision (default 1)\n"
	"      --is-upgrade           .Release.IsUpgrade true, IsInstall false\n"
	"      --kube-version V       Kubernetes version for .Capabilities (default v1.32.0)\n"
	"  -a, --api-versions V       add an API version to .Capabilities (repeatable)\n"
	"  -s, --show-only PATH       only print templates matching PATH (repeatable)\n"
	"      --include-crds         print the charts' crds/ files first\n"
	"      --skip-tests           leave out test hooks\n"
	"      --no-hooks             leave out all hooks\n"
	"      --notes                print the chart's NOTES.txt after the manifests\n"
	"      --output-dir DIR       write each template's manifests under DIR instead\n"
	"      --release-name         with --output-dir, write under DIR/NAME\n"
	"      --debug                on invalid YAML, print every rendered template raw\n"
	"  -o, --output text|json     output format (default text)\n"
	"  -h, --help                 this help\n"
	"\n"
	"HELM_RENDER_V3=1 in the environment renders as Helm 3 does (.Release.Service \"Helm\",\n"
	"no .Release.Time, Helm 2's crd-install hooks dropped), for comparisons with Helm 3.\n";

struct opts {
	struct render_opts r;
	const char *chart;
	const char **show; size_t nshow;
	const char **apis; size_t napis;
	const char *output_dir, *format;
	bool include_crds, skip_tests, no_hooks, notes, use_release_name, debug;
};

static void add(const char ***l, size_t *n, const char *s)
{
	*l = xrealloc(*l, (*n + 1) * sizeof **l);
	(*l)[(*n)++] = s;
}

static int usage_error(const char *msg)
{
	fprintf(stderr, "Error: %s\n%s", msg, usage);
	return 2;
}

/* Parses the command line; returns -1 to go on, or an exit status. */
static int parse_args(int argc, char **argv, struct opts *o)
{
	enum { O_NAME = 256, O_NS, O_REV, O_UPG, O_KUBE, O_CRDS, O_SKIPT, O_NOHOOKS, O_NOTES,
	       O_OUTDIR, O_RELNAME, O_DEBUG };
	static const struct option longopts[] = {
		{"name", required_argument, NULL, O_NAME},
		{"namespace", required_argument, NULL, O_NS},
		{"revision", required_argument, NULL, O_REV},
		{"is-upgrade", no_argument, NULL, O_UPG},
		{"kube-version", required_argument, NULL, O_KUBE},
		{"api-versions", required_argument, NULL, 'a'},
		{"show-only", required_argument, NULL, 's'},
		{"include-crds", no_argument, NULL, O_CRDS},
		{"skip-tests", no_argument, NULL, O_SKIPT},
		{"no-hooks", no_argument, NULL, O_NOHOOKS},
		{"notes", no_argument, NULL, O_NOTES},
		{"output-dir", required_argument, NULL, O_OUTDIR},
		{"release-name", no_argument, NULL, O_RELNAME},
		{"debug", no_argument, NULL, O_DEBUG},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":a:s:o:h", longopts, NULL)) != -1) {
		switch (c) {
		case O_NAME: o->r.release_name = optarg; break;
		case O_NS: o->r.namespace = optarg; break;
		case O_REV: {
			char *end;
			long r = strtol(optarg, &end, 10);
			if (*end || r < 0 || r > 1000000000)
				return usage_error("--revision wants a number");
			o->r.revision = (int)r;
			break;
		}
		case O_UPG: o->r.is_upgrade = true; break;
		case O_KUBE: o->r.kube_version = optarg; break;
		case 'a': add(&o->apis, &o->napis, optarg); break;
		case 's': add(&o->show, &o->nshow, optarg); break;
		case O_CRDS: o->include_crds = true; break;
		case O_SKIPT: o->skip_tests = true; break;
		case O_NOHOOKS: o->no_hooks = true; break;
		case O_NOTES: o->notes = true; break;
		case O_OUTDIR: o->output_dir = optarg; break;
		case O_RELNAME: o->use_release_name = true; break;
		case O_DEBUG: o->debug = true; break;
		case 'o':
			if (strcmp(optarg, "text") != 0 && strcmp(optarg, "json") != 0)
				return usage_error("--output must be text or json");
			o->format = optarg;
			break;
		case 'h': fputs(usage, stdout); return 0;
		case ':': {
			char *m = xasprintf("flag needs an argument: %s", argv[optind - 1]);
			int rc = usage_error(m);
			free(m);
			return rc;
		}
		default: {
			char *m = xasprintf("unknown flag: %s", argv[optind - 1]);
			int rc = usage_error(m);
			free(m);
			return rc;
		}
		}
	}
	if (optind != argc - 1)
		return usage_error(optind == argc ? "a chart is required" : "only one chart may be given");
	o->chart = argv[optind];
	return -1;
}

/* Helm 3's render failure: the message, and the hint when the release had been started.
 * Under --debug, `helm template` prints the release's manifest text first, trimmed, with a
 * newline: RAW, what rendering produced before failing (may be empty). */
static int render_failed(const struct opts *o, const char *msg, const char *raw)
{
	if (o->debug) {
		size_t tl;
		const char *t = go_trim_space(raw, strlen(raw), &tl);
		printf("%.*s\n", (int)tl, t);
		fflush(stdout); /* the manifests come before the error, as in Helm */
		fprintf(stderr, "Error: %s\n", msg);
	} else {
		fprintf(stderr, "Error: %s\n\nUse --debug flag to render out invalid YAML\n", msg);
	}
	return 1;
}

/* "---\n# Source: PATH\nCONTENT\n": a manifest as helm template prints it (not through printf:
 * the manifests are most of the output). */
static void put_source(buf *b, const char *path, const char *content)
{
	buf_puts(b, "---\n# Source: ");
	buf_puts(b, path);
	buf_putc(b, '\n');
	buf_puts(b, content);
	buf_putc(b, '\n');
}

static bool has_suffix(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);
	return a >= b && strcmp(s + a - b, suf) == 0;
}

static int cmp_file_ptr(const void *a, const void *b)
{
	return strcmp((*(const struct chart_file *const *)a)->name,
	              (*(const struct chart_file *const *)b)->name);
}

/* Chart.CRDObjects: crds/ *.yaml|yml|json of C, then its enabled subcharts', recursively. */
static void collect_crds(const chart *c, const char *full, const hv *tree, struct rendered **out,
                         size_t *n)
{
	const struct chart_file **f = xmalloc((c->nfiles ? c->nfiles : 1) * sizeof *f);
	size_t nf = 0;
	for (size_t i = 0; i < c->nfiles; i++) {
		const char *name = c->files[i].name;
		if (strncmp(name, "crds/", 5) == 0 && (has_suffix(name, ".yaml") ||
		    has_suffix(name, ".yml") || has_suffix(name, ".json")))
			f[nf++] = &c->files[i];
	}
	qsort(f, nf, sizeof *f, cmp_file_ptr);
	for (size_t i = 0; i < nf; i++) {
		*out = xrealloc(*out, (*n + 1) * sizeof **out);
		(*out)[(*n)++] = (struct rendered){path_join(full, f[i]->name),
		                                   xstrndup(f[i]->data, f[i]->len)};
	}
	free(f);
	/* the subcharts of the tree under their effective names (one chart may appear under
	 * several aliases), or all of them under their own names when there is no tree */
	hv *kids = tree ? hv_map_get(tree, "charts") : NULL;
	if (kids && hv_kind_of(kids) != HV_LIST)
		kids = NULL;
	size_t nkids = tree ? (kids ? hv_len(kids) : 0) : c->nsubcharts;
	for (size_t i = 0; i < nkids; i++) {
		const chart *sc = tree ? NULL : c->subcharts[i];
		const hv *sub = tree ? hv_list_get(kids, i) : NULL;
		const char *name = sc ? sc->meta.name : NULL;
		if (sub) {
			hv *p = hv_kind_of(sub) == HV_MAP ? hv_map_get(sub, "path") : NULL;
			hv *nm = p ? hv_map_get(sub, "name") : NULL;
			if (!nm || hv_kind_of(p) != HV_STRING || hv_kind_of(nm) != HV_STRING ||
			    !hv_str_len(nm))
				continue;
			for (size_t k = 0; k < c->nsubcharts && !sc; k++)
				if (strcmp(c->subcharts[k]->path_in_parent, hv_get_str(p)) == 0)
					sc = c->subcharts[k];
			if (!sc)
				continue;
			name = hv_get_str(nm);
		}
		char *sfull = xasprintf("%s/charts/%s", full, name);
		collect_crds(sc, sfull, sub, out, n);
		free(sfull);
	}
}

static bool is_test_hook(const struct manifest *m)
{
	for (size_t i = 0; i < m->nevents; i++)
		if (strcmp(m->events[i], "test") == 0 || strcmp(m->events[i], "test-success") == 0)
			return true;
	return false;
}

/* writeToFile: DIR/NAME created (or appended to), with the "---\n# Source:" framing. */
static int write_to_file(const char *dir, const char *name, const char *data, bool append)
{
	char *path = path_join(dir, name);
	for (char *p = path + 1; *p; p++)
		if (*p == '/') {
			*p = 0;
			if (mkdir(path, 0755) < 0 && errno != EEXIST) {
				fprintf(stderr, "Error: mkdir %s: %s\n", path, strerror(errno));
				free(path);
				return -1;
			}
			*p = '/';
		}
	FILE *f = fopen(path, append ? "a" : "w");
	if (!f || fprintf(f, "---\n# Source: %s\n%s\n", name, data) < 0 || fclose(f) != 0) {
		fprintf(stderr, "Error: %s: %s\n", path, strerror(errno));
		free(path);
		return -1;
	}
	printf("wrote %s\n", path);
	free(path);
	return 0;
}

/* Tracks which files --output-dir has started. */
struct written {
	const char **names;
	size_t n;
};

static bool seen(struct written *w, const char *name)
{
	for (size_t i = 0; i < w->n; i++)
		if (strcmp(w->names[i], name) == 0)
			return true;
	add(&w->names, &w->n, name);
	return false;
}

static void json_str_field(buf *b, const char *key, const char *val)
{
	hv *k = hv_str(key), *v = hv_str(val);
	json_emit(b, k, 0);
	buf_putc(b, ':');
	json_emit(b, v, 0);
	hv_free(k);
	hv_free(v);
}

static void json_list_field(buf *b, const char *key, char **items, size_t n)
{
	hv *l = hv_list();
	for (size_t i = 0; i < n; i++)
		hv_list_push(l, hv_str(items[i]));
	hv *k = hv_str(key);
	json_emit(b, k, 0);
	buf_putc(b, ':');
	json_emit(b, l, 0);
	hv_free(k);
	hv_free(l);
}

static void json_manifest(buf *b, const struct manifest *m, bool hook)
{
	buf_putc(b, '{');
	json_str_field(b, "path", m->path);
	buf_putc(b, ',');
	json_str_field(b, "kind", m->kind);
	buf_putc(b, ',');
	json_str_field(b, "name", m->name);
	buf_putc(b, ',');
	json_str_field(b, "content", m->content);
	if (hook) {
		buf_putc(b, ',');
		json_list_field(b, "events", m->events, m->nevents);
		buf_printf(b, ",\"weight\":%ld,", m->weight);
		json_list_field(b, "delete_policies", m->policies, m->npolicies);
	}
	buf_putc(b, '}');
}

/* -o json: {"manifests": [...], "hooks": [...], "crds": [...], "notes": "..."}. */
static void print_json(const struct opts *o, const struct manifest_set *set,
                       const struct rendered *crds, size_t ncrds, const char *notes)
{
	buf b = BUF_INIT;
	buf_puts(&b, "{\"manifests\":[");
	for (size_t i = 0; i < set->ngeneric; i++) {
		if (i)
			buf_putc(&b, ',');
		json_manifest(&b, &set->generic[i], false);
	}
	buf_puts(&b, "],\"hooks\":[");
	for (size_t i = 0, n = 0; i < set->nhooks; i++) {
		if ((o->skip_tests && is_test_hook(&set->hooks[i])) || o->no_hooks)
			continue;
		if (n++)
			buf_putc(&b, ',');
		json_manifest(&b, &set->hooks[i], true);
	}
	buf_puts(&b, "],\"crds\":[");
	for (size_t i = 0; i < ncrds; i++) {
		if (i)
			buf_putc(&b, ',');
		buf_putc(&b, '{');
		json_str_field(&b, "path", crds[i].path);
		buf_putc(&b, ',');
		json_str_field(&b, "content", crds[i].content);
		buf_putc(&b, '}');
	}
	buf_puts(&b, "],");
	json_str_field(&b, "notes", notes ? notes : "");
	buf_puts(&b, "}\n");
	fwrite(b.s, 1, b.len, stdout);
	buf_free(&b);
}

/* --show-only: the documents of TEXT whose "# Source: chart/PATH" matches a pattern. */
static int show_only(const struct opts *o, const char *text, buf *out)
{
	size_t nd;
	char **docs = manifest_split(text, &nd);
	int rc = 0;
	for (size_t s = 0; s < o->nshow && rc == 0; s++) {
		bool found = false;
		for (size_t i = 0; i < nd; i++) {
			const char *src = strstr(docs[i], "# Source: ");
			if (!src)
				continue;
			const char *slash = strchr(src + 10, '/');
			if (!slash || slash == src + 10)
				continue;
			size_t len = strcspn(slash + 1, "\n");
			char *path = xstrndup(slash + 1, len);
			bool bad = false;
			if (len && go_path_match(o->show[s], path, &bad)) {
				buf_printf(out, "---\n%s\n", docs[i]);
				found = true;
			}
			free(path);
		}
		if (!found) {
			fprintf(stderr, "Error: could not find template %s in chart\n", o->show[s]);
			rc = 1;
		}
	}
	for (size_t i = 0; i < nd; i++)
		free(docs[i]);
	free(docs);
	return rc;
}

/* `helm template`'s text output (or files under --output-dir). */
static int print_text(const struct opts *o, const struct manifest_set *set,
                      const struct rendered *crds, size_t ncrds, const char *notes,
                      const char *notes_path)
{
	char *dir = NULL;
	if (o->output_dir)
		dir = o->use_release_name ? path_join(o->output_dir, o->r.release_name)
		                          : xstrdup(o->output_dir);
	buf man = BUF_INIT;
	struct written w = {NULL, 0};
	int rc = 0;
	for (size_t i = 0; i < ncrds && rc == 0; i++) {
		if (dir)
			rc = write_to_file(dir, crds[i].path, crds[i].content, seen(&w, crds[i].path));
		else
			put_source(&man, crds[i].path, crds[i].content);
	}
	for (size_t i = 0; i < set->ngeneric && rc == 0; i++) {
		const struct manifest *m = &set->generic[i];
		if (dir)
			rc = write_to_file(dir, m->path, m->content, seen(&w, m->path));
		else
			put_source(&man, m->path, m->content);
	}
	free(w.names);
	/* fmt.Fprintln(strings.TrimSpace(rel.Manifest)), then the hooks */
	size_t tl;
	const char *trimmed = go_trim_space(buf_str(&man), man.len, &tl);
	buf all = BUF_INIT; /* the hooks; with --show-only, all the text it selects from */
	if (o->nshow) {
		buf_add(&all, trimmed, tl);
		buf_putc(&all, '\n');
	}
	struct written hw = {NULL, 0};
	for (size_t i = 0; i < set->nhooks && !o->no_hooks && rc == 0; i++) {
		const struct manifest *m = &set->hooks[i];
		if (o->skip_tests && is_test_hook(m))
			continue;
		if (dir) { /* Helm appends a hook to any file already there */
			char *p = path_join(dir, m->path);
			bool append = seen(&hw, m->path) || access(p, F_OK) == 0;
			free(p);
			rc = write_to_file(dir, m->path, m->content, append);
		} else {
			put_source(&all, m->path, m->content);
		}
	}
	free(hw.names);
	if (rc == 0 && o->nshow) {
		buf sel = BUF_INIT;
		rc = show_only(o, buf_str(&all), &sel);
		if (rc == 0)
			fwrite(buf_str(&sel), 1, sel.len, stdout);
		buf_free(&sel);
	} else if (rc == 0) {
		fwrite(trimmed, 1, tl, stdout);
		putchar('\n');
		fwrite(buf_str(&all), 1, all.len, stdout);
	}
	if (rc == 0 && o->notes && notes && *notes)
		printf("---\n# Source: %s\n%s\n", notes_path, notes);
	buf_free(&all);
	buf_free(&man);
	free(dir);
	return rc;
}

/* Reads {"values":..., "chart":...} from stdin. */
static hv *read_input(char **err)
{
	size_t len;
	char *e = NULL;
	char *text = read_file("-", &len, &e);
	if (!text) {
		*err = e;
		return NULL;
	}
	hv *in = values_document_parse(text, len, &e); /* JSON, binary strings restored */
	free(text);
	if (!in) {
		*err = e;
		return NULL;
	}
	if (hv_kind_of(in) != HV_MAP) {
		hv_free(in);
		*err = xstrdup("<stdin>: want the JSON object helm-merge-values prints");
		return NULL;
	}
	return in;
}

static int run(struct opts *o)
{
	char *err = NULL;
	char *kube = render_kube_version(o->r.kube_version ? o->r.kube_version : "v1.32.0", &err);
	if (!kube) {
		fprintf(stderr, "Error: %s\n", err);
		free(err);
		return 1;
	}
	o->r.kube_version = kube;
	/* The chart first, and its templates parsed until the values come: in `helm template` they
	 * are still being merged meanwhile. */
	chart *c = chart_load_flags(o->chart, CHART_LOAD_NO_VALUES | CHART_LOAD_LAZY_FILES, &err);
	if (!c) {
		fprintf(stderr, "Error: %s\n", err);
		free(err);
		free(kube);
		return 1;
	}
	render_engine *engine = render_engine_new(c, STDIN_FILENO);
	hv *in = read_input(&err);
	if (!in) {
		fprintf(stderr, "Error: %s\n", err);
		free(err);
		render_engine_free(engine);
		chart_free(c);
		free(kube);
		return 1;
	}
	hv *values = hv_map_get(in, "values");
	hv *tree = hv_map_get(in, "chart");
	if (tree && hv_kind_of(tree) != HV_MAP)
		tree = NULL;
	hv *own = NULL;
	if (!values || hv_kind_of(values) != HV_MAP)
		values = own = hv_map();
	int rc = 1;
	struct rendered *r = NULL, *crds = NULL;
	size_t nr = 0, ncrds = 0;
	struct manifest_set set = {0};
	char *notes = NULL, *notes_path = NULL;
	hv *tn = tree ? hv_map_get(tree, "name") : NULL;
	const char *top = tn && hv_kind_of(tn) == HV_STRING && hv_str_len(tn) ? hv_get_str(tn)
	                                                                      : c->meta.name;
	char *kerr = render_check_kube_version(c, kube);
	if (kerr) {
		rc = render_failed(o, kerr, "");
		free(kerr);
		render_engine_free(engine);
		goto out;
	}
	o->r.engine = engine;
	if (render_chart(c, values, tree, &o->r, &r, &nr, &err) < 0) {
		rc = render_failed(o, err, "");
		free(err);
		goto out;
	}
	/* NOTES.txt are not manifests; only the top chart's is kept, as the notes. */
	notes_path = xasprintf("%s/templates/NOTES.txt", top);
	size_t keep = 0;
	for (size_t i = 0; i < nr; i++) {
		if (has_suffix(r[i].path, "NOTES.txt")) {
			if (strcmp(r[i].path, notes_path) == 0) {
				free(notes);
				notes = r[i].content;
			} else {
				free(r[i].content);
			}
			free(r[i].path);
			continue;
		}
		r[keep++] = r[i];
	}
	nr = keep;
	int mflags = getenv("HELM_RENDER_V3") ? 0 : MANIFEST_V2_HOOKS;
	if (manifest_sort(r, nr, mflags, &set, &err) < 0) {
		buf raw = BUF_INIT; /* every rendered file, for --debug (Helm's order is random) */
		for (size_t i = 0; i < nr; i++) {
			size_t tl;
			go_trim_space(r[i].content, strlen(r[i].content), &tl);
			if (tl)
				put_source(&raw, r[i].path, r[i].content);
		}
		rc = render_failed(o, err, buf_str(&raw));
		buf_free(&raw);
		free(err);
		goto out;
	}
	if (o->include_crds || (o->format && strcmp(o->format, "json") == 0))
		collect_crds(c, top, tree, &crds, &ncrds);
	if (o->format && strcmp(o->format, "json") == 0) {
		print_json(o, &set, crds, ncrds, notes);
		rc = 0;
	} else {
		rc = print_text(o, &set, crds, ncrds, notes, notes_path);
	}
out:
	manifest_set_free(&set);
	render_free(r, nr);
	render_free(crds, ncrds);
	free(notes);
	free(notes_path);
	chart_free(c);
	hv_free(in);
	hv_free(own);
	free(kube);
	return rc;
}

struct run_job {
	struct opts *o;
	int rc;
};

static void run_job(void *p)
{
	struct run_job *j = p;
	j->rc = run(j->o);
}

int main(int argc, char **argv)
{
	progname = "helm-render";
	struct opts o = {.r = {.release_name = "release-name", .namespace = "default",
	                       .revision = 1, .helm3 = getenv("HELM_RENDER_V3") != NULL}};
	int rc = parse_args(argc, argv, &o);
	if (rc < 0) {
		o.r.api_versions = (char *const *)o.apis;
		o.r.napi_versions = o.napis;
		struct run_job j = {&o, 1};
		tmpl_run_on_big_stack(run_job, &j);
		rc = j.rc;
	}
	free(o.show);
	free(o.apis);
	return rc;
}
