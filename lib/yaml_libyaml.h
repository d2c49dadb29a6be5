/* yaml_libyaml.h — libyaml's <yaml.h>, which lib/yaml.h shadows on the -Ilib include path. */
#ifndef HELM_YAML_LIBYAML_H
#define HELM_YAML_LIBYAML_H
#include_next <yaml.h>
#endif
