/* samv-actor - organisations (aktörer) in the collaboration. */
#include "samv.h"

int main(int argc, char **argv)
{
	struct samv_cmd c = {
		.prog = "samv-actor", .summary = N_("organisations (aktörer) in the collaboration"), .retire_verb = "retire", .can_remove = false
	};

	c.type = samv_type_find("actor");
	return samv_entity_main(&c, argc, argv);
}
