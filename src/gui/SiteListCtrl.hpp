#pragma once
// The sites list: a virtual report list with an "All sites" row, then the sites grouped
// under a header row per country and per province. Selecting a row changes the scope the
// dashboard and the incidents list show.
#include "store/Browse.hpp"

#include <wx/listctrl.h>

#include <optional>
#include <string>
#include <vector>

namespace mwangaza::gui {

// What the dashboard and incidents list are restricted to.
struct Scope {
    enum class Kind { All, Country, Province, Site } kind = Kind::All;
    std::string country;  // all but All
    std::string province; // Province and Site
    std::optional<std::int64_t> site_id;
    std::string site_code;
    std::string site_name;
    std::vector<std::int64_t> group_site_ids; // Country and Province: their sites
};

class SiteListCtrl : public wxListCtrl {
public:
    explicit SiteListCtrl(wxWindow* parent);

    // Sites ordered by country, province and code (as store::list_sites returns them).
    void set_sites(std::vector<store::SiteRow> sites);
    const std::vector<store::SiteRow>& sites() const { return m_sites; }

    // The longest site code (in characters), for sizing code columns.
    wxString longest_code() const;

    // The scope of a list item (item 0 is "All sites").
    Scope scope_of(long item) const;

    // The list item showing the site with this code, or -1.
    long find_site(const std::string& code) const;

protected:
    wxString OnGetItemText(long item, long column) const override;
    wxListItemAttr* OnGetItemAttr(long item) const override;

private:
    void fit_name_column(); // the name column takes the width the others leave

    struct Entry {
        enum class Kind { All, Country, Province, Site } kind;
        std::size_t first = 0; // the first site it covers (index in m_sites)
        std::size_t count = 0; // how many sites it covers
        std::int64_t verified = 0;
    };

    std::vector<store::SiteRow> m_sites;
    std::vector<Entry> m_entries;
    mutable wxListItemAttr m_country_attr;
    mutable wxListItemAttr m_province_attr;
    mutable wxListItemAttr m_all_attr;
    mutable wxListItemAttr m_inactive_attr;
};

} // namespace mwangaza::gui
