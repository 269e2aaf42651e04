/* samv-plan - plans (verksamhetsplaner) decisions refer to or are written into. */
#include "samv.h"

int main(int argc, char **argv)
{
	struct samv_cmd c = {
		.prog = "samv-plan", .summary = N_("plans (verksamhetsplaner) decisions refer to"), .retire_verb = "retire",
		.can_remove = false
	};

	c.type = samv_type_find("plan");
	return samv_entity_main(&c, argc, argv);
}
