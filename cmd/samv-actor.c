/* samv-actor - organisations (aktörer) in the collaboration. */
#include "samv.h"

int main(int argc, char **argv)
{
	static const struct samv_cmd cmd = {
		"samv-actor", NULL, "organisations (aktörer) in the collaboration", "retire", false
	};
	struct samv_cmd c = cmd;

	c.type = samv_type_find("actor");
	return samv_entity_main(&c, argc, argv);
}
