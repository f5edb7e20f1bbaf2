#pragma once
// The workshop pack: what a project manager prints for a site's monthly CAP workshop,
// as a report::Document in the site's language (French for DR Congo sites, English for
// Rwanda) unless a language is given.
#include "report/Document.hpp"
#include "store/WorkshopPackQuery.hpp"

#include <string>

namespace mwangaza::report {

// "fr" for a site in DR Congo, "en" otherwise.
std::string site_language(const std::string& country);

// `lang` is "en" or "fr"; `programme` is the programme's name for the title block;
// `generated_on` (YYYY-MM-DD) is printed in the footer.
Document workshop_pack_document(const store::WorkshopPackData& data, const std::string& lang,
                                const std::string& programme, const std::string& generated_on);

} // namespace mwangaza::report
