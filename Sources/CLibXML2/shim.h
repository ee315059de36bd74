// libxml2's streaming reader and parser options, for StewardIngest's XMLIngester.
// Debian/Ubuntu: apt-get install libxml2-dev (pkg-config libxml-2.0); macOS: the SDK's libxml2.
#include <libxml/xmlreader.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
