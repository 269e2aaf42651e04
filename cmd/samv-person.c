/* samv-person - people who act for an organisation. */
#include "samv.h"

int main(int argc, char **argv)
{
	struct samv_cmd c = {
		.prog = "samv-person", .summary = N_("people who act for an organisation"), .retire_verb = "retire", .can_remove = true
	};

	c.type = samv_type_find("person");
	return samv_entity_main(&c, argc, argv);
}
