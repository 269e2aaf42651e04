/* samv-meeting - meetings: plan, invite, hold, minutes, follow-up. */
#include "samv.h"

int main(int argc, char **argv)
{
	struct samv_cmd c = {
		.prog = "samv-meeting", .summary = "meetings in the arenas: plan, invite, hold, minutes, follow-up",
		.retire_verb = "cancel", .add_verb = "plan"
	};

	c.type = samv_type_find("meeting");
	return samv_entity_main(&c, argc, argv);
}
