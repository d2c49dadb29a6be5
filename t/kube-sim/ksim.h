/* ksim.h — kube-sim, a Kubernetes API server stand-in for tests: shared declarations.
 *
 * Threads: libmicrohttpd serves each connection on its own thread; the controllers run on one
 * more.  Every touch of the store, the registry or any hv value happens under ks_lock (hv
 * reference counts are not atomic), so handlers take it for their whole run. */
#ifndef KSIM_H
#define KSIM_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "value.h"

/* ---- configuration (main.c) ---- */
struct ks_config {
	bool tls;
	bool controllers;
	double controller_delay;   /* seconds before a workload reports ready */
	double namespace_delay;    /* seconds a deleted namespace stays Terminating */
	const char *data_dir;      /* journal directory or NULL */
	const char *policy_file;
	const char *faults_file;
	const char *log_file;
	size_t watch_history;      /* events kept for watches that resume */
	const char *cert_user;     /* subject of the client certificate written to the kubeconfig */
	int port;
};
extern struct ks_config ks_cfg;
extern pthread_mutex_t ks_lock;
extern pthread_cond_t ks_changed;   /* broadcast on every stored event and at shutdown */
extern volatile int ks_stopping;

/* ---- small helpers on values (util.c) ---- */
const char *hs(const hv *m, const char *dotted);        /* string at path or NULL */
hv *hchild(hv *m, const char *key);                     /* map child, created if absent */
void hset_str(hv *m, const char *key, const char *s);
void hset_int(hv *m, const char *key, int64_t i);
bool hnum(const hv *v, int64_t *out);
bool hbool(const hv *m, const char *key);                /* true only for a true bool at KEY */                   /* int or integral float */
char *ks_now_rfc3339(void);                             /* malloc'd "2026-01-02T03:04:05Z" */
char *ks_uuid(void);
char *ks_random_suffix(int n);                           /* n chars of [a-z0-9] */
double ks_monotime(void);
int64_t ks_parse_time(const char *rfc3339);             /* unix seconds, -1 if bad */
char *b64_encode(const unsigned char *p, size_t n);
unsigned char *b64_decode(const char *s, size_t n, size_t *out_len); /* NULL when invalid */

/* ---- resource types (kinds.c) ---- */
typedef struct rtype {
	char *group, *version, *gv, *kind, *list_kind, *plural, *singular;
	bool namespaced;
	bool status_sub;
	bool generation;        /* metadata.generation is kept */
	bool crd;               /* defined at run time by a CustomResourceDefinition */
	bool served;
	const hv *patch_fields; /* builtin-kinds.json patchFields (borrowed), NULL for CRs */
	const char *definition; /* key into the kinds' "types" */
	hv *discovery;          /* the APIResourceList entry (owned) for CRD kinds */
	struct strmap *objects; /* "ns/name" -> hv object */
	struct strmap *by_label; /* "key\x01value" -> set (strmap) of "ns/name": the label index */
} rtype;

void kinds_init(void);
void kinds_free(void);
rtype *kinds_find(const char *group, const char *version, const char *plural);
int kinds_count(void);
rtype *kinds_at(int i);
const hv *kinds_types(void);             /* builtin-kinds.json "types" */
/* CRDs: register (or refresh) the kinds a CRD object defines; drop them on delete. */
void kinds_crd_register(const hv *crd);
void kinds_crd_unregister(const hv *crd);

/* ---- discovery and openapi (discovery.c) ---- */
struct req;
struct reply;
bool discovery_serve(const struct req *r, struct reply *rp);
void discovery_free(void);

/* ---- requests and replies (http.c) ---- */
typedef struct req {
	const char *method;
	const char *path;
	void *conn;              /* struct MHD_Connection */
	const char *body;
	size_t body_len;
	const char *user;        /* after authentication and impersonation */
	const char *auth;        /* how the user was identified: "token", "certificate", "none" */
	hv *groups;              /* list of strings */
} req;

typedef struct reply {
	int code;
	buf body;
	const char *ctype;
	char *warning;           /* Warning header value or NULL */
	int retry_after;         /* seconds, 0 = none */
	struct watch *watch;     /* streamed reply instead of body */
	bool drop;               /* close the connection without answering */
} reply;

const char *req_query(const req *r, const char *name);
const char *req_header(const req *r, const char *name);
int req_socket(const req *r);   /* the connection's socket, to notice a client that went away */
void reply_json(reply *rp, int code, const hv *v);
void http_start(int listen_fd);
const struct tls_material *http_tls(void);   /* the certificates in use (with --tls) */
void http_stop(void);

/* ---- Status objects (status.c) ---- */
/* Fills RP with a Failure Status: reason, message, details (taken, may be NULL). */
void status_error(reply *rp, int code, const char *reason, hv *details, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
hv *status_details(const rtype *rt, const char *name, bool use_kind);
void status_not_found(reply *rp, const rtype *rt, const char *name);
void status_no_route(reply *rp);
void status_invalid(reply *rp, const rtype *rt, const char *name, const char *field,
	const char *reason, const char *msg);
hv *status_success(const rtype *rt, const char *name, const char *uid);

/* ---- the store (store.c) ---- */
enum ev_type { EV_ADDED, EV_MODIFIED, EV_DELETED };
uint64_t store_rv(void);
void store_init(void);
void store_free(void);
void store_free_type(rtype *rt);   /* the objects and index of one type */
hv *store_get(rtype *rt, const char *ns, const char *name);  /* BORROWED or NULL */
/* Stores OBJ (taken) with a new resourceVersion and records the event. */
void store_put(rtype *rt, hv *obj, enum ev_type ev);
/* Removes the object and records DELETED with a new resourceVersion. */
void store_delete(rtype *rt, const char *ns, const char *name);
/* Puts without events or journal (journal replay); keeps the object's resourceVersion. */
void store_restore(rtype *rt, hv *obj);
void store_restore_delete(rtype *rt, const char *ns, const char *name, uint64_t rv);
void store_restore_rv(uint64_t rv);
/* Every object of RT in NS (NULL = all), sorted by namespace/name: array of borrowed values. */
hv **store_list(rtype *rt, const char *ns, size_t *n);
typedef struct selector selector;
hv **store_select(rtype *rt, const char *ns, const selector *sel, size_t *n);  /* only matching */
bool namespace_exists(const char *ns);
bool namespace_terminating(const char *ns);

/* Events, for watches. */
struct event { uint64_t rv; rtype *rt; enum ev_type type; hv *obj; hv *old; /* old: MODIFIED only, may be NULL */ };
uint64_t store_oldest_rv(void);
/* Copies up to MAX events after RV into OUT (objects referenced); returns how many. */
size_t store_events_after(uint64_t rv, struct event *out, size_t max);

/* ---- selectors (select.c) ---- */
selector *selector_parse(const char *label_sel, const char *field_sel, char **err);
bool selector_match(const selector *s, const hv *obj);
/* An equality requirement on a label (k=v, k==v, k in (v)) to narrow a list through the index. */
bool selector_label_eq(const selector *s, const char **key, const char **val);
bool label_selector_match(const hv *label_selector, const hv *labels); /* full metav1.LabelSelector */
void selector_free(selector *s);

/* ---- the REST API on objects (api.c, write.c) ---- */
void api_serve(req *r, reply *rp);
struct write_opts { bool dry_run; const char *field_manager; const char *validation; const struct req *r; };
/* Deletes (with propagation); used by the API, GC and namespace finalization. */
void object_delete(rtype *rt, const hv *obj, const char *propagation);
/* Creates OBJ (taken) after defaulting and validation; on error fills RP and returns NULL.
 * Returns a BORROWED stored object (or the would-be object under dry run, owned by *dry). */
const hv *object_create(rtype *rt, const char *ns, hv *obj, const struct write_opts *o, reply *rp, hv **dry);
const hv *object_update(rtype *rt, const char *ns, const char *name, hv *obj, const struct write_opts *o,
	bool status_only, reply *rp, hv **dry);

/* ---- the scale subresource (scale.c) ---- */
bool scale_supported(const rtype *rt);
void scale_serve(req *r, reply *rp, rtype *rt, const char *ns, const char *name);

/* ---- defaulting and validation (defaults.c, validate.c) ---- */
void defaults_apply(const rtype *rt, hv *obj);
/* Returns false and fills RP when OBJ is not acceptable. STRICT: unknown fields are errors. */
bool validate_object(const rtype *rt, const hv *obj, const hv *old, bool strict, reply *rp, char **warning);

/* ---- patches (patch.c) ---- */
/* Each returns a new object or NULL with *err (malloc'd) and *code (HTTP code). */
hv *merge_patch(const hv *target, const hv *patch);
hv *json_patch(const hv *target, const hv *ops, char **err);
hv *strategic_merge_patch(const rtype *rt, const hv *target, const hv *patch, char **err);

/* ---- bodies (body.c, proto.c) ---- */
hv *body_decode(const req *r, const rtype *rt, reply *rp);
hv *proto_decode(const unsigned char *p, size_t n, char **err);

/* ---- Table replies for kubectl get (table.c) ---- */
bool table_wanted(const req *r);
void table_emit(buf *out, const rtype *rt, hv *const *objs, size_t n, uint64_t rv);

/* ---- custom resources' printer columns (printcols.c) ---- */
const hv *printer_columns(const rtype *rt);            /* BORROWED list or NULL */
const hv *jsonpath_get(const hv *obj, const char *path); /* BORROWED or NULL */

/* ---- watch (watch.c) ---- */
struct watch;
struct watch *watch_new(rtype *rt, const char *ns, selector *sel, uint64_t from_rv, bool send_initial,
	double timeout, bool bookmarks, bool table, int sock);
long watch_read(struct watch *w, char *out, size_t max);  /* -1 at end of stream */
void watch_free(struct watch *w);

/* ---- controllers (controller.c) ---- */
void controller_start(void);
void controller_stop(void);
/* Work done synchronously on a write: CRD establishment. */
void controller_on_write(rtype *rt, const hv *obj);

/* ---- persistence (journal.c) ---- */
void journal_open(const char *dir);
void journal_put(const rtype *rt, const hv *obj);
void journal_delete(const rtype *rt, const char *ns, const char *name, uint64_t rv);
void journal_close(void);

/* ---- TLS and identities (tls.c, auth.c) ---- */
struct tls_material { char *ca_pem, *cert_pem, *key_pem, *client_cert_pem, *client_key_pem; };
void tls_make(const char *dir, const char *client_cn, struct tls_material *m);
void tls_free(struct tls_material *m);
/* Identifies the user of R (Authorization, client certificate, impersonation); on failure
 * fills RP.  Returns false to stop. */
bool auth_identify(req *r, reply *rp);
/* Whether the user may do VERB on RESOURCE (plural, group) in NS ("" = cluster). */
bool auth_allowed(const req *r, const char *verb, const char *group, const char *resource, const char *ns);
bool auth_allowed_for(const char *user, const hv *groups, const char *verb, const char *group, const char *resource,
	const char *ns);

/* ---- access reviews, answered and not stored (review.c) ---- */
bool review_kind(const rtype *rt);
void review_serve(const req *r, reply *rp, const rtype *rt, hv *obj);
void auth_load(const char *policy_file);
void auth_free(void);
void auth_forbid(reply *rp, const req *r, const char *verb, const char *group, const char *resource,
	const char *name, const char *ns);

/* ---- faults and the request log (faults.c) ---- */
void faults_load_file(const char *path);
bool faults_set(const char *json, size_t n, char **err);
void faults_get(buf *out);
/* Applies latency and decides on an injected failure; returns true when RP is filled. */
bool faults_apply(const req *r, reply *rp);
bool faults_force_conflict(const req *r);
void faults_free(void);
void reqlog_open(const char *path);
void reqlog_write(const req *r, const char *query, int code, double ms);
void reqlog_close(void);

/* ---- a string-keyed hash map (strmap.c) ---- */
typedef struct strmap strmap;
strmap *strmap_new(void);
void *strmap_get(const strmap *m, const char *key);
void strmap_put(strmap *m, const char *key, void *val);  /* returns nothing; replaces */
void *strmap_del(strmap *m, const char *key);            /* returns the removed value */
size_t strmap_len(const strmap *m);
/* Iteration: i from 0 while strmap_next returns true. */
bool strmap_next(const strmap *m, size_t *i, const char **key, void **val);
void strmap_free(strmap *m);

/* embedded data (data.c) */
extern const char ks_builtin_kinds_json[];
extern const char ks_discovery_json[];

#endif
