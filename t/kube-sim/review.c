/* review.c — the review kinds that are answered, never stored: SelfSubjectReview (kubectl auth
 * whoami), SelfSubjectAccessReview, SubjectAccessReview and LocalSubjectAccessReview (kubectl
 * auth can-i), decided by the same policy as every request. */
#include "ksim.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

bool review_kind(const rtype *rt)
{
	return (strcmp(rt->group, "authentication.k8s.io") == 0 && strcmp(rt->plural, "selfsubjectreviews") == 0) ||
	       (strcmp(rt->group, "authorization.k8s.io") == 0 && strstr(rt->plural, "accessreviews"));
}

static hv *user_info(const req *r)
{
	hv *u = hv_map();
	hset_str(u, "username", r->user ? r->user : "");
	hv_map_set(u, "groups", r->groups ? hv_copy(r->groups) : hv_list());
	return u;
}

/* Fills RP with OBJ (taken) plus its status; 201 as the real server answers. */
void review_serve(const req *r, reply *rp, const rtype *rt, hv *obj)
{
	hset_str(obj, "apiVersion", rt->gv);
	hset_str(obj, "kind", rt->kind);
	hv *status = hchild(obj, "status");
	if (strcmp(rt->plural, "selfsubjectreviews") == 0) {
		hv_map_set(status, "userInfo", user_info(r));
	} else {
		const hv *ra = hv_path(obj, "spec.resourceAttributes");
		bool ok = true;
		if (ra) {
			const char *verb = hs(ra, "verb"), *res = hs(ra, "resource"), *sub = hs(ra, "subresource");
			const char *group = hs(ra, "group"), *ns = hs(ra, "namespace");
			char *full = sub && *sub ? xasprintf("%s/%s", res ? res : "", sub) : xstrdup(res ? res : "");
			const char *user = r->user;
			const hv *groups = r->groups;
			if (strcmp(rt->plural, "selfsubjectaccessreviews") != 0) {   /* about someone else */
				user = hs(obj, "spec.user") ? hs(obj, "spec.user") : "";
				groups = hv_path(obj, "spec.groups");
			}
			ok = auth_allowed_for(user, groups, verb ? verb : "", group ? group : "", full, ns ? ns : "");
			free(full);
		}
		hv_map_set(status, "allowed", hv_bool(ok));
	}
	reply_json(rp, 201, obj);
	hv_free(obj);
}
