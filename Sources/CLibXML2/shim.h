// libxml2's streaming reader and parser options, for StewardIngest's XMLIngester.
// Debian/Ubuntu: apt-get install libxml2-dev (pkg-config libxml-2.0); macOS: the SDK's libxml2.
//
// Debian builds libxml2 with ICU, so its encoding.h would include the system's <unicode/ucnv.h>; those ICU headers
// clash with the copy Foundation ships as _FoundationICU ("UErrorCode is not present in definition …"). Steward
// never touches libxml2's ICU converter fields, so the ICU part of libxml2's headers is switched off here.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlreader.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
