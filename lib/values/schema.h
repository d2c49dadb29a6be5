/* schema.h — values.schema.json checks as Helm 3.17 makes them (gojsonschema v1.2.0, JSON
 * Schema drafts 4 to 7): each chart's schema against its coalesced values, subcharts against
 * their part, with gojsonschema's messages. */
#ifndef HELM_VALUES_SCHEMA_H
#define HELM_VALUES_SCHEMA_H

#include <stddef.h>

#include "value.h"
#include "values/vchart.h"

/* Validates VALUES against one schema (JSON text).  NULL when valid, else a malloc'd list of
 * "- field: description\n" lines, or the schema's JSON syntax error. */
char *values_validate_schema(const hv *values, const char *schema, size_t len);

/* ValidateAgainstSchema over the chart tree: NULL when every chart's values are valid, else
 * the report Helm prints after "values don't meet the specifications ...:\n"
 * ("mychart:\n- replicas: Must be greater than or equal to 1\n"). */
char *values_validate_schemas(const vchart *c, const hv *values);

#endif
