/* samv-resource - resources: money, time and premises each party puts in. */
#include "samv.h"

int main(int argc, char **argv)
{
	struct samv_cmd c = {
		.prog = "samv-resource", .summary = N_("resources: money, time and premises each party puts in"),
		.retire_verb = "end", .can_remove = false
	};

	c.type = samv_type_find("resource");
	return samv_entity_main(&c, argc, argv);
}
