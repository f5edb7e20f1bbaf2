#include "app/DemoData.hpp"

#include "core/Error.hpp"

#include <array>
#include <string>

namespace mwangaza::app::demo {

namespace {

using R = Region;

// Coordinates are plausible points inside the named district or territory; miners add
// up to 55,000.
constexpr std::array<SiteSpec, 48> k_sites{{
    // Rwanda: 3T, 25 sites, 14 active
    {"RW-RUT-01", "Manihira", "RW", "Western Province", "Rutsiro", "tin,tantalum", -1.991, 29.378, 420, true, R::Rwanda3T, "Manihira Mining Cooperative (COMIMA)"},
    {"RW-RUT-02", "Mushubati", "RW", "Western Province", "Rutsiro", "tantalum,tin", -1.921, 29.362, 260, false, R::Rwanda3T, "Mushubati Miners Cooperative"},
    {"RW-NGO-01", "Gatumba", "RW", "Western Province", "Ngororero", "tin,tantalum", -1.905, 29.566, 850, true, R::Rwanda3T, "Gatumba Mining Concession Ltd"},
    {"RW-NGO-02", "Kavumu", "RW", "Western Province", "Ngororero", "tin,tantalum", -1.801, 29.618, 300, true, R::Rwanda3T, "Kavumu Artisanal Miners Cooperative"},
    {"RW-NGO-03", "Ndaro", "RW", "Western Province", "Ngororero", "tin", -1.858, 29.531, 180, false, R::Rwanda3T, "Ndaro Mining Cooperative"},
    {"RW-KAR-01", "Rubengera", "RW", "Western Province", "Karongi", "tin,tungsten", -2.043, 29.412, 240, true, R::Rwanda3T, "Rubengera Mining Ltd"},
    {"RW-KAR-02", "Gashari", "RW", "Western Province", "Karongi", "tantalum", -2.158, 29.321, 200, false, R::Rwanda3T, "Gashari Coltan Cooperative"},
    {"RW-NYB-01", "Bigogwe", "RW", "Western Province", "Nyabihu", "tungsten", -1.622, 29.483, 310, true, R::Rwanda3T, "Bigogwe Wolfram Cooperative"},
    {"RW-RUL-01", "Nyakabingo", "RW", "Northern Province", "Rulindo", "tungsten", -1.775, 29.974, 820, true, R::Rwanda3T, "Nyakabingo Wolfram Mining Ltd"},
    {"RW-RUL-02", "Shyorongi", "RW", "Northern Province", "Rulindo", "tungsten,tin", -1.861, 29.992, 230, false, R::Rwanda3T, "Shyorongi Miners Cooperative"},
    {"RW-GAK-01", "Rushashi", "RW", "Northern Province", "Gakenke", "tungsten", -1.718, 29.866, 350, true, R::Rwanda3T, "Rushashi Mining Cooperative (COMIRU)"},
    {"RW-GAK-02", "Muzo", "RW", "Northern Province", "Gakenke", "tin,tungsten", -1.641, 29.781, 190, false, R::Rwanda3T, "Muzo Miners Cooperative"},
    {"RW-BUR-01", "Cyeru", "RW", "Northern Province", "Burera", "tungsten", -1.479, 29.902, 160, false, R::Rwanda3T, "Cyeru Mining Cooperative"},
    {"RW-MUH-01", "Nyabinoni", "RW", "Southern Province", "Muhanga", "tin,tantalum", -1.982, 29.617, 280, true, R::Rwanda3T, "Nyabinoni Mining Cooperative"},
    {"RW-MUH-02", "Rongi", "RW", "Southern Province", "Muhanga", "tin,tantalum", -2.031, 29.664, 210, false, R::Rwanda3T, "Rongi Miners Cooperative"},
    {"RW-KAM-01", "Rukoma", "RW", "Southern Province", "Kamonyi", "tin", -2.062, 29.881, 260, true, R::Rwanda3T, "Rukoma Tin Cooperative"},
    {"RW-KAM-02", "Musambira", "RW", "Southern Province", "Kamonyi", "tin,tantalum", -2.028, 29.842, 240, true, R::Rwanda3T, "Musambira Mining Ltd"},
    {"RW-RUH-01", "Bweramana", "RW", "Southern Province", "Ruhango", "tantalum,tin", -2.192, 29.717, 220, false, R::Rwanda3T, "Bweramana Miners Cooperative"},
    {"RW-NYA-01", "Kibirizi", "RW", "Southern Province", "Nyanza", "tin", -2.361, 29.702, 150, false, R::Rwanda3T, "Kibirizi Mining Cooperative"},
    {"RW-RWA-01", "Musha", "RW", "Eastern Province", "Rwamagana", "tin", -1.978, 30.362, 380, true, R::Rwanda3T, "Musha Tin Mining Ltd"},
    {"RW-KAY-01", "Rwinkwavu", "RW", "Eastern Province", "Kayonza", "tin", -1.966, 30.608, 450, true, R::Rwanda3T, "Rwinkwavu Mining Cooperative"},
    {"RW-GAT-01", "Gitoki", "RW", "Eastern Province", "Gatsibo", "tin,tungsten", -1.662, 30.358, 170, true, R::Rwanda3T, "Gitoki Miners Cooperative"},
    {"RW-NGM-01", "Rukumberi", "RW", "Eastern Province", "Ngoma", "tin", -2.231, 30.401, 140, false, R::Rwanda3T, "Rukumberi Mining Cooperative"},
    {"RW-BUG-01", "Ruhuha", "RW", "Eastern Province", "Bugesera", "tin", -2.287, 30.068, 120, false, R::Rwanda3T, "Ruhuha Miners Cooperative"},
    {"RW-GAS-01", "Bumbogo", "RW", "Kigali City", "Gasabo", "tin,tantalum", -1.889, 30.131, 170, true, R::Rwanda3T, "Bumbogo Mining Cooperative"},
    // Eastern DRC: 3TG, 13 sites, 8 active
    {"CD-KLH-01", "Nyabibwe", "CD", "South Kivu", "Kalehe", "tin,tantalum", -1.987, 28.946, 1400, true, R::EastDrc3TG, "Coopérative minière de Nyabibwe (COMINYA)"},
    {"CD-KLH-02", "Numbi", "CD", "South Kivu", "Kalehe", "tin,tantalum", -1.861, 28.977, 900, true, R::EastDrc3TG, "Coopérative des exploitants miniers de Numbi (CEMINU)"},
    {"CD-MWE-01", "Kamituga", "CD", "South Kivu", "Mwenga", "gold", -3.061, 28.181, 3200, true, R::EastDrc3TG, "Coopérative aurifère de Kamituga (COAKA)"},
    {"CD-WLG-01", "Mukungwe", "CD", "South Kivu", "Walungu", "gold", -2.763, 28.702, 1200, false, R::EastDrc3TG, "Coopérative minière de Mukungwe"},
    {"CD-UVI-01", "Lemera", "CD", "South Kivu", "Uvira", "gold", -3.012, 28.953, 700, false, R::EastDrc3TG, "Coopérative des creuseurs de Lemera"},
    {"CD-WKL-01", "Bisie", "CD", "North Kivu", "Walikale", "tin", -1.291, 27.983, 2100, true, R::EastDrc3TG, "Coopérative minière de Walikale (COMIWA)"},
    {"CD-MAS-01", "Rubaya", "CD", "North Kivu", "Masisi", "tantalum,tin", -1.556, 28.884, 2800, true, R::EastDrc3TG, "Coopérative des exploitants artisanaux de Masisi (CEAM)"},
    {"CD-MAS-02", "Ngungu", "CD", "North Kivu", "Masisi", "tantalum,tin", -1.618, 28.812, 900, true, R::EastDrc3TG, "Coopérative minière de Ngungu"},
    {"CD-LUB-01", "Manguredjipa", "CD", "North Kivu", "Lubero", "gold", -0.358, 28.797, 1100, false, R::EastDrc3TG, "Coopérative aurifère de Manguredjipa"},
    {"CD-WKL-02", "Omate", "CD", "North Kivu", "Walikale", "gold", -1.102, 27.804, 600, false, R::EastDrc3TG, "Coopérative des creuseurs d'Omate"},
    {"CD-PAN-01", "Kalima", "CD", "Maniema", "Pangi", "tin,tantalum", -2.509, 26.433, 1300, true, R::EastDrc3TG, "Coopérative minière de Kalima (COMIKA)"},
    {"CD-KAI-01", "Kailo", "CD", "Maniema", "Kailo", "gold", -2.631, 26.102, 800, false, R::EastDrc3TG, "Coopérative aurifère de Kailo"},
    {"CD-PUN-01", "Punia", "CD", "Maniema", "Punia", "tin,gold", -1.468, 26.451, 700, true, R::EastDrc3TG, "Coopérative minière de Punia"},
    // Haut-Katanga: cobalt-copper, 3 sites
    {"CD-KBV-01", "Kambove", "CD", "Haut-Katanga", "Kambove", "cobalt,copper", -10.872, 26.598, 2600, true, R::Copperbelt, "Coopérative minière de Kambove (COMIKAM)"},
    {"CD-LIK-01", "Shituru", "CD", "Haut-Katanga", "Likasi", "copper,cobalt", -10.981, 26.757, 1900, true, R::Copperbelt, "Coopérative des creuseurs de Likasi (CCL)"},
    {"CD-KIP-01", "Kipushi", "CD", "Haut-Katanga", "Kipushi", "copper,cobalt", -11.762, 27.243, 2200, true, R::Copperbelt, "Coopérative minière de Kipushi"},
    // Lualaba: cobalt-copper, 7 sites
    {"CD-KOL-01", "Kasulo", "CD", "Lualaba", "Kolwezi", "cobalt,copper", -10.712, 25.476, 5200, true, R::Copperbelt, "Coopérative minière de Kasulo (COMIKAS)"},
    {"CD-KOL-02", "Kapata", "CD", "Lualaba", "Kolwezi", "cobalt,copper", -10.745, 25.405, 4800, true, R::Copperbelt, "Coopérative des creuseurs de Kapata (COCKA)"},
    {"CD-KOL-03", "Mutoshi", "CD", "Lualaba", "Kolwezi", "cobalt,copper", -10.641, 25.618, 3600, true, R::Copperbelt, "Coopérative minière de Mutoshi (COMIMU)"},
    {"CD-KOL-04", "Musompo", "CD", "Lualaba", "Kolwezi", "cobalt,copper", -10.675, 25.535, 3100, true, R::Copperbelt, "Coopérative des exploitants de Musompo"},
    {"CD-KOL-05", "Kawama", "CD", "Lualaba", "Kolwezi", "cobalt,copper", -10.736, 25.531, 2400, true, R::Copperbelt, "Coopérative minière de Kawama"},
    {"CD-LBD-01", "Fungurume", "CD", "Lualaba", "Lubudi", "copper,cobalt", -10.618, 26.318, 2700, true, R::Copperbelt, "Coopérative minière de Fungurume (COMIFU)"},
    {"CD-MUT-01", "Mutshatsha", "CD", "Lualaba", "Mutshatsha", "cobalt,copper", -10.652, 24.448, 1500, true, R::Copperbelt, "Coopérative des creuseurs de Mutshatsha"},
}};

constexpr std::size_t k_focus_site = 41; // Kasulo, Kolwezi

constexpr std::array<std::string_view, 2> k_kolwezi_experts{"d.kabongo", "n.tshibangu"};
constexpr std::array<std::string_view, 2> k_kolwezi_managers{"Patrick Ilunga", "Grâce Kalenga"};
constexpr std::array<std::string_view, 1> k_lubumbashi_experts{"f.ngoy"};
constexpr std::array<std::string_view, 1> k_lubumbashi_managers{"Joseph Mwamba"};
constexpr std::array<std::string_view, 2> k_bukavu_experts{"b.cirhuza", "j.mapendo"};
constexpr std::array<std::string_view, 2> k_bukavu_managers{"Aline Bisimwa", "Ramazani Amisi"};
constexpr std::array<std::string_view, 1> k_goma_experts{"e.muhindo"};
constexpr std::array<std::string_view, 1> k_goma_managers{"Esther Kambale"};
constexpr std::array<std::string_view, 2> k_kigali_experts{"a.ingabire", "o.habimana"};
constexpr std::array<std::string_view, 2> k_kigali_managers{"Claudine Uwase", "Eric Mugisha"};

const Office k_kolwezi{"Kolwezi", k_kolwezi_experts, k_kolwezi_managers};
const Office k_lubumbashi{"Lubumbashi", k_lubumbashi_experts, k_lubumbashi_managers};
const Office k_bukavu{"Bukavu", k_bukavu_experts, k_bukavu_managers};
const Office k_goma{"Goma", k_goma_experts, k_goma_managers};
const Office k_kigali{"Kigali", k_kigali_experts, k_kigali_managers};

constexpr std::array<std::string_view, 20> k_drc_given{
    "Jean",  "Marie", "Joseph", "Esther", "Patrick", "Grâce", "Dieudonné", "Pascal", "Jeanine", "Chantal",
    "Alphonse", "Germaine", "Espoir", "Furaha", "Neema", "Bienvenu", "Solange", "Héritier", "Mamie", "Trésor"};
constexpr std::array<std::string_view, 16> k_katanga_family{
    "Kabongo", "Mwamba", "Ilunga", "Kasongo", "Mutombo", "Ngoy", "Kalenga", "Banza",
    "Tshibangu", "Mukalay", "Kayembe", "Numbi", "Kyungu", "Mbuyu", "Kapend", "Musonda"};
constexpr std::array<std::string_view, 16> k_kivu_family{
    "Bahati", "Kambale", "Muhindo", "Mapendo", "Bisimwa", "Cirhuza", "Mugisho", "Byamungu",
    "Amisi", "Ramazani", "Omari", "Assani", "Kasereka", "Paluku", "Baraka", "Safari"};
constexpr std::array<std::string_view, 16> k_rwanda_given{
    "Jean Claude", "Emmanuel", "Claudine", "Aline", "Eric", "Olivier", "Diane", "Théogène",
    "Vestine", "Innocent", "Jeanne", "Fabrice", "Alice", "Damascène", "Josiane", "Samuel"};
constexpr std::array<std::string_view, 16> k_rwanda_family{
    "Uwimana", "Habimana", "Niyonzima", "Mukamana", "Nsengiyumva", "Uwase", "Mugisha", "Ndayisaba",
    "Nshimiyimana", "Ingabire", "Hakizimana", "Mukeshimana", "Iradukunda", "Nkurunziza", "Umutoni", "Bizimana"};

using D = DescriptionTemplate;

constexpr std::array<D, 2> k_child_labour{{
    {"{c} children seen washing ore at pit {pit}; the cooperative supervisor said they come after school.",
     "{c} enfants vus en train de laver le minerai au puits {pit} ; le superviseur de la coopérative dit qu'ils viennent après l'école.",
     "Watoto {c} wameonekana wakiosha madini kwenye shimo namba {pit}."},
    {"{c} children carrying sacks of ore between pit {pit} and the washing point.",
     "{c} enfants transportent des sacs de minerai entre le puits {pit} et le point de lavage.",
     "Watoto {c} wanabeba magunia ya madini kutoka shimo namba {pit}."},
}};
constexpr std::array<D, 2> k_wfcl{{
    {"{c} children working underground in pit {pit}, about {depth} m deep, without protective equipment.",
     "{c} enfants travaillent sous terre dans le puits {pit}, à environ {depth} m de profondeur, sans équipement de protection.",
     "Watoto {c} wanafanya kazi chini ya ardhi kwenye shimo namba {pit} bila vifaa vya kujikinga."},
    {"{c} children digging at night in tunnel {pit}; an adult said they are paid per sack.",
     "{c} enfants creusent la nuit dans la galerie {pit} ; un adulte affirme qu'ils sont payés au sac.", ""},
}};
constexpr std::array<D, 2> k_discrimination{{
    {"Women diggers refused access to pit {pit} by the team leader.",
     "Des creuseuses se sont vu refuser l'accès au puits {pit} par le chef d'équipe.", ""},
    {"Miners from outside the village charged a higher entry fee at pit {pit}.",
     "Les creuseurs venus d'autres villages paient un droit d'entrée plus élevé au puits {pit}.", ""},
}};
constexpr std::array<D, 2> k_forced_labour{{
    {"{m} miners say they must work unpaid at pit {pit} to repay a debt to the pit owner.",
     "{m} creuseurs déclarent devoir travailler sans salaire au puits {pit} pour rembourser une dette au propriétaire.", ""},
    {"Identity cards of {m} diggers held by a trader until they deliver ore.",
     "Les cartes d'identité de {m} creuseurs sont retenues par un négociant jusqu'à la livraison du minerai.", ""},
}};
constexpr std::array<D, 2> k_gender{{
    {"{w} women ore washers reported harassment by a pit manager.",
     "{w} laveuses de minerai signalent un harcèlement de la part d'un gérant de puits.",
     "Wanawake {w} wanaoosha madini wamelalamika kunyanyaswa na msimamizi wa shimo."},
    {"{w} pregnant women seen carrying heavy sacks at the washing point near pit {pit}.",
     "{w} femmes enceintes transportent de lourds sacs au point de lavage près du puits {pit}.", ""},
}};
constexpr std::array<D, 2> k_torture{{
    {"A digger accused of theft was beaten by site guards near pit {pit}.",
     "Un creuseur accusé de vol a été battu par des gardes du site près du puits {pit}.", ""},
    {"{m} miners detained overnight in a container by site security without charge.",
     "{m} creuseurs détenus une nuit dans un conteneur par la sécurité du site sans motif.", ""},
}};
constexpr std::array<D, 2> k_ihl{{
    {"Armed men looted the village near the site; {m} civilians injured.",
     "Des hommes armés ont pillé le village voisin du site ; {m} civils blessés.", ""},
    {"Displaced families settled at the site after fighting in the area.",
     "Des familles déplacées se sont installées sur le site après des combats dans la zone.", ""},
}};
constexpr std::array<D, 2> k_nsag{{
    {"Members of an armed group collected a 'tax' of one sack per team at pit {pit}.",
     "Des membres d'un groupe armé ont prélevé une « taxe » d'un sac par équipe au puits {pit}.",
     "Watu wa kikundi cha silaha wamechukua kodi ya gunia moja kwa kila timu kwenye shimo namba {pit}."},
    {"Armed group members seen at the trading point buying ore.",
     "Des éléments d'un groupe armé vus au point de négoce en train d'acheter du minerai.", ""},
}};
constexpr std::array<D, 2> k_security_forces{{
    {"Soldiers demanded payment from diggers at the site entrance.",
     "Des militaires ont exigé de l'argent des creuseurs à l'entrée du site.",
     "Wanajeshi wamedai pesa kutoka kwa wachimbaji kwenye mlango wa mgodi."},
    {"Mine police officers confiscated {n} sacks of ore without a report.",
     "Des agents de la police des mines ont confisqué {n} sacs de minerai sans procès-verbal.", ""},
}};
constexpr std::array<D, 2> k_general_security{{
    {"Fight between two teams over pit {pit}; {m} people injured.",
     "Bagarre entre deux équipes pour le puits {pit} ; {m} blessés.",
     "Ugomvi kati ya timu mbili kuhusu shimo namba {pit}; watu {m} wamejeruhiwa."},
    {"Theft of {n} sacks of ore at night at the storage point.",
     "Vol de {n} sacs de minerai la nuit au point de stockage.", ""},
}};
constexpr std::array<D, 3> k_ohs{{
    {"Collapse of pit {pit}; {m} diggers injured, evacuated to the health centre.",
     "Éboulement au puits {pit} ; {m} creuseurs blessés, évacués au centre de santé.",
     "Shimo namba {pit} limeporomoka; wachimbaji {m} wamejeruhiwa."},
    {"{m} diggers working at pit {pit} ({depth} m) without helmets, boots or shoring.",
     "{m} creuseurs au travail dans le puits {pit} ({depth} m) sans casque, bottes ni boisage.", ""},
    {"Diggers at pit {pit} breathing dust without masks; {m} complain of coughing.",
     "Creuseurs du puits {pit} exposés à la poussière sans masque ; {m} se plaignent de toux.", ""},
}};
constexpr std::array<D, 2> k_worker_rights{{
    {"{m} diggers not paid for two weeks by the team leader at pit {pit}.",
     "{m} creuseurs non payés depuis deux semaines par le chef d'équipe du puits {pit}.", ""},
    {"Miners without membership cards denied a share of the cooperative's ore sales.",
     "Les creuseurs sans carte de membre sont exclus des ventes de minerai de la coopérative.", ""},
}};
constexpr std::array<D, 2> k_business_conflict{{
    {"Dispute between the cooperative and the concession holder over pit {pit}.",
     "Litige entre la coopérative et le titulaire de la concession au sujet du puits {pit}.", ""},
    {"Traders refused to buy ore after a disagreement on the weighing scale.",
     "Les négociants refusent d'acheter le minerai après un désaccord sur la balance.", ""},
}};
constexpr std::array<D, 2> k_community_development{{
    {"Villagers complain that the road promised by the cooperative was not repaired.",
     "Les villageois se plaignent que la route promise par la coopérative n'a pas été réparée.", ""},
    {"Fields near pit {pit} damaged by digging without compensation to {m} farmers.",
     "Des champs près du puits {pit} endommagés par l'exploitation sans compensation pour {m} cultivateurs.", ""},
}};
constexpr std::array<D, 2> k_indigenous_fpic{{
    {"Batwa families say digging started on their land without consultation.",
     "Des familles batwa affirment que l'exploitation a commencé sur leurs terres sans consultation.", ""},
    {"Digging near a sacred site of the village without the elders' consent.",
     "Exploitation près d'un site sacré du village sans l'accord des anciens.", ""},
}};
constexpr std::array<D, 2> k_corruption{{
    {"An official asked diggers for money to issue artisanal miner cards.",
     "Un agent a demandé de l'argent aux creuseurs pour délivrer les cartes d'exploitant artisanal.", ""},
    {"A trader paid an agent to skip the weighing of {n} sacks.",
     "Un négociant a payé un agent pour éviter la pesée de {n} sacs.", ""},
}};
constexpr std::array<D, 2> k_tax{{
    {"Ore sold without the receipt for the provincial tax.",
     "Minerai vendu sans quittance de la taxe provinciale.", ""},
    {"Two services charged the same fee on {n} sacks at the site exit.",
     "Deux services ont perçu la même taxe sur {n} sacs à la sortie du site.", ""},
}};
constexpr std::array<D, 1> k_money_laundering{{
    {"Large cash purchase of {n} sacks by an unknown buyer; origin of the funds unclear.",
     "Achat de {n} sacs en espèces par un acheteur inconnu ; origine des fonds inconnue.", ""},
}};
constexpr std::array<D, 2> k_transparency{{
    {"Production figures in the cooperative register differ from the tags issued.",
     "Les chiffres de production du registre de la coopérative ne correspondent pas aux étiquettes émises.", ""},
    {"Monthly production report not sent to the mining division.",
     "Rapport mensuel de production non transmis à la division des mines.", ""},
}};
constexpr std::array<D, 2> k_governance{{
    {"Cooperative general assembly not held for a year; members ask for the accounts.",
     "Assemblée générale de la coopérative non tenue depuis un an ; les membres demandent les comptes.", ""},
    {"The cooperative president also runs the trading house that buys its ore.",
     "Le président de la coopérative dirige aussi la maison de négoce qui achète son minerai.", ""},
}};
constexpr std::array<D, 2> k_traceability{{
    {"{n} sacks left pit {pit} without tags.", "{n} sacs ont quitté le puits {pit} sans étiquette.", ""},
    {"Tag logbook not filled in for three days at the collection point.",
     "Registre des étiquettes non rempli pendant trois jours au point de collecte.", ""},
}};
constexpr std::array<D, 2> k_chain_of_custody{{
    {"Ore from an unmonitored site mixed with site production at the washing point.",
     "Du minerai d'un site non suivi mélangé à la production du site au point de lavage.", ""},
    {"Tags reused on {n} sacks at the collection point.",
     "Étiquettes réutilisées sur {n} sacs au point de collecte.", ""},
}};
constexpr std::array<D, 2> k_emissions{{
    {"Tailings from pit {pit} dumped into the river.", "Des résidus du puits {pit} déversés dans la rivière.", ""},
    {"Used tyres and plastic burnt at the site camp.", "Pneus usagés et plastique brûlés au camp du site.", ""},
}};
constexpr std::array<D, 2> k_water{{
    {"Washing basins drain into the stream used for drinking water.",
     "Les bassins de lavage se déversent dans le ruisseau utilisé pour l'eau de boisson.",
     "Maji ya kuoshea madini yanaingia kwenye mto unaotumiwa kwa maji ya kunywa."},
    {"Villagers report muddy water at the spring below pit {pit}.",
     "Les villageois signalent une eau boueuse à la source en contrebas du puits {pit}.", ""},
}};
constexpr std::array<D, 2> k_mine_closure{{
    {"Abandoned pit {pit} left open near the path to the school.",
     "Puits {pit} abandonné laissé ouvert près du chemin de l'école.", ""},
    {"Exhausted area around pit {pit} neither backfilled nor replanted.",
     "Zone épuisée autour du puits {pit} ni remblayée ni reboisée.", ""},
}};
constexpr std::array<D, 2> k_flora_fauna{{
    {"Trees cut in the forest reserve for pit shoring.",
     "Arbres coupés dans la réserve forestière pour le boisage des puits.", ""},
    {"Bushmeat sold at the site camp.", "Viande de brousse vendue au camp du site.", ""},
}};

using T = ActionTemplate;

constexpr std::array<T, 5> k_act_child_labour{{
    {"Cooperative keeps a register of every child found on site", "cooperative", "state_service", "ngo", "high"},
    {"Awareness campaign on local radio against child labour", "media", "cooperative", "ngo", "medium"},
    {"Caregiver visits to the families of children found on site", "ngo", "development_partner", "community_representative", "high"},
    {"Refer children found on site to the child protection network", "ngo", "state_service", "development_partner", "high"},
    {"Support school enrolment of children removed from the site", "development_partner", "ngo", "traditional_authority", "medium"},
}};
constexpr std::array<T, 5> k_act_wfcl{{
    {"Remove children from underground work and refer them to child protection services", "cooperative", "state_service", "ngo", "high"},
    {"Mine police checks at pit entrances to keep children out", "state_service", "cooperative", "", "high"},
    {"Cooperative keeps a register of every child found on site", "cooperative", "ngo", "", "high"},
    {"Caregiver visits to the families of children found on site", "ngo", "development_partner", "", "high"},
    {"Awareness campaign on local radio on the worst forms of child labour", "media", "ngo", "cooperative", "medium"},
}};
constexpr std::array<T, 2> k_act_discrimination{{
    {"Open pit access to women diggers in the cooperative rules", "cooperative", "ngo", "", "medium"},
    {"Publish one entry fee for all miners", "cooperative", "state_service", "", "low"},
}};
constexpr std::array<T, 2> k_act_forced_labour{{
    {"End debt bondage: the cooperative mediates debts between pit owners and diggers", "cooperative", "state_service", "ngo", "high"},
    {"Return identity documents held by traders", "state_service", "upstream_industry", "", "high"},
}};
constexpr std::array<T, 3> k_act_gender{{
    {"Set up a confidential complaints channel for women at the site", "ngo", "cooperative", "", "high"},
    {"Awareness sessions on sexual harassment for pit managers", "ngo", "traditional_authority", "", "medium"},
    {"Assign lighter tasks to pregnant women", "cooperative", "community_representative", "", "medium"},
}};
constexpr std::array<T, 2> k_act_torture{{
    {"Refer the assault to the prosecutor and follow the case", "state_service", "ngo", "", "high"},
    {"Code of conduct for site guards signed and displayed", "cooperative", "security_sector", "", "medium"},
}};
constexpr std::array<T, 2> k_act_ihl{{
    {"Report the attack to the provincial security committee", "government", "security_sector", "", "high"},
    {"Assistance plan for displaced families at the site", "development_partner", "ngo", "government", "medium"},
}};
constexpr std::array<T, 3> k_act_nsag{{
    {"Stop all payments to armed groups and report demands to the mine police", "cooperative", "state_service", "", "high"},
    {"Suspend purchases from the site until the armed group has left", "upstream_industry", "state_service", "", "high"},
    {"Alert the provincial security committee to the armed group's presence", "government", "security_sector", "", "high"},
}};
constexpr std::array<T, 2> k_act_security_forces{{
    {"Letter to the military commander asking for soldiers to leave the site", "government", "state_service", "", "high"},
    {"Mine police to write a report for every seizure", "state_service", "cooperative", "", "medium"},
}};
constexpr std::array<T, 2> k_act_general_security{{
    {"Mediation between the teams over pit boundaries", "traditional_authority", "cooperative", "", "medium"},
    {"Night guard at the ore storage point", "cooperative", "security_sector", "", "medium"},
}};
constexpr std::array<T, 4> k_act_ohs{{
    {"Shore pit walls with timber at every active pit", "cooperative", "state_service", "", "high"},
    {"Provide helmets and boots to diggers", "cooperative", "upstream_industry", "", "medium"},
    {"First aid kit and a trained first aider on site", "cooperative", "ngo", "", "medium"},
    {"Close pits declared unsafe by the mining inspectors", "state_service", "cooperative", "", "high"},
}};
constexpr std::array<T, 2> k_act_worker_rights{{
    {"Written payment schedule for every team", "cooperative", "state_service", "", "medium"},
    {"Membership cards for all diggers working on site", "cooperative", "asm_miners", "", "low"},
}};
constexpr std::array<T, 2> k_act_business_conflict{{
    {"Mediation between the cooperative and the concession holder", "government", "state_service", "", "medium"},
    {"Calibrated weighing scale at the trading point", "state_service", "upstream_industry", "", "medium"},
}};
constexpr std::array<T, 2> k_act_community_development{{
    {"Agree a community development plan with the village", "cooperative", "community_representative", "traditional_authority", "medium"},
    {"Compensate farmers for damaged fields", "cooperative", "traditional_authority", "", "medium"},
}};
constexpr std::array<T, 2> k_act_indigenous_fpic{{
    {"Consult the affected families before opening any new pit", "cooperative", "community_representative", "ngo", "high"},
    {"Map and protect the sacred site with the elders", "traditional_authority", "cooperative", "", "medium"},
}};
constexpr std::array<T, 2> k_act_corruption{{
    {"Post the official fees at the site entrance", "state_service", "cooperative", "", "medium"},
    {"Report the agent's demand to the provincial mining division", "ngo", "state_service", "", "high"},
}};
constexpr std::array<T, 2> k_act_tax{{
    {"Issue a receipt for every tax paid at the site", "state_service", "cooperative", "", "medium"},
    {"Clarify which service collects each fee", "government", "state_service", "", "low"},
}};
constexpr std::array<T, 1> k_act_money_laundering{{
    {"Know-your-buyer checks for every new trader", "upstream_industry", "state_service", "", "high"},
}};
constexpr std::array<T, 2> k_act_transparency{{
    {"Reconcile the production register with the tags every week", "cooperative", "state_service", "", "medium"},
    {"Send the monthly production report to the mining division", "cooperative", "state_service", "", "low"},
}};
constexpr std::array<T, 2> k_act_governance{{
    {"Hold the cooperative general assembly and present the accounts", "cooperative", "asm_miners", "", "medium"},
    {"Separate the cooperative's management from ore trading", "cooperative", "state_service", "", "medium"},
}};
constexpr std::array<T, 2> k_act_traceability{{
    {"Tag every sack at the pit before it moves", "state_service", "cooperative", "", "high"},
    {"Train the tagging agents on the logbook", "state_service", "ngo", "", "medium"},
}};
constexpr std::array<T, 2> k_act_chain_of_custody{{
    {"Check the origin of all ore brought to the washing point", "state_service", "cooperative", "", "high"},
    {"Investigate reused tags with the traceability agents", "state_service", "upstream_industry", "", "high"},
}};
constexpr std::array<T, 2> k_act_emissions{{
    {"Build a tailings pond away from the river", "cooperative", "state_service", "", "medium"},
    {"Waste collection point at the site camp", "cooperative", "community_representative", "", "low"},
}};
constexpr std::array<T, 2> k_act_water{{
    {"Settling basins before water returns to the stream", "cooperative", "state_service", "", "medium"},
    {"Protect the drinking water spring below the site", "cooperative", "community_representative", "", "high"},
}};
constexpr std::array<T, 2> k_act_mine_closure{{
    {"Backfill abandoned pits near paths and houses", "cooperative", "traditional_authority", "", "high"},
    {"Replant exhausted areas", "cooperative", "ngo", "", "low"},
}};
constexpr std::array<T, 2> k_act_flora_fauna{{
    {"Stop cutting trees in the reserve; buy shoring timber from plantations", "cooperative", "state_service", "", "medium"},
    {"Ban bushmeat sales at the site camp", "cooperative", "state_service", "", "low"},
}};

struct AreaData {
    std::string_view code;
    std::span<const DescriptionTemplate> descriptions;
    std::span<const ActionTemplate> actions;
    Affected affected;
    int severity;
};

const std::array<AreaData, 26> k_area_data{{
    {"child_labour", k_child_labour, k_act_child_labour, Affected::Children, 4},
    {"wfcl", k_wfcl, k_act_wfcl, Affected::Children, 5},
    {"discrimination", k_discrimination, k_act_discrimination, Affected::Women, 2},
    {"forced_labour", k_forced_labour, k_act_forced_labour, Affected::Men, 5},
    {"gender", k_gender, k_act_gender, Affected::Women, 4},
    {"torture", k_torture, k_act_torture, Affected::Men, 5},
    {"ihl", k_ihl, k_act_ihl, Affected::Mixed, 5},
    {"non_state_armed_groups", k_nsag, k_act_nsag, Affected::Nobody, 5},
    {"security_forces", k_security_forces, k_act_security_forces, Affected::Men, 4},
    {"general_security", k_general_security, k_act_general_security, Affected::Men, 3},
    {"ohs", k_ohs, k_act_ohs, Affected::Men, 4},
    {"worker_rights", k_worker_rights, k_act_worker_rights, Affected::Men, 3},
    {"business_conflict", k_business_conflict, k_act_business_conflict, Affected::Nobody, 2},
    {"community_development", k_community_development, k_act_community_development, Affected::Mixed, 2},
    {"indigenous_fpic", k_indigenous_fpic, k_act_indigenous_fpic, Affected::Mixed, 3},
    {"corruption_bribery", k_corruption, k_act_corruption, Affected::Men, 3},
    {"tax_eiti", k_tax, k_act_tax, Affected::Nobody, 2},
    {"money_laundering", k_money_laundering, k_act_money_laundering, Affected::Nobody, 4},
    {"transparency_reporting", k_transparency, k_act_transparency, Affected::Nobody, 2},
    {"company_governance", k_governance, k_act_governance, Affected::Nobody, 2},
    {"traceability", k_traceability, k_act_traceability, Affected::Nobody, 3},
    {"chain_of_custody", k_chain_of_custody, k_act_chain_of_custody, Affected::Nobody, 4},
    {"emissions_waste", k_emissions, k_act_emissions, Affected::Nobody, 3},
    {"water", k_water, k_act_water, Affected::Mixed, 3},
    {"mine_closure", k_mine_closure, k_act_mine_closure, Affected::Nobody, 3},
    {"protected_flora_fauna", k_flora_fauna, k_act_flora_fauna, Affected::Nobody, 2},
}};

const AreaData& area_data(std::string_view code)
{
    for (const auto& a : k_area_data)
        if (a.code == code)
            return a;
    throw InvalidInput("demo programme: no templates for risk area '" + std::string(code) + "'");
}

// Taxonomy order; child labour and WFCL are planned separately (weight 0 here).
constexpr std::array<int, 26> k_weights_copperbelt{0, 0, 2, 1, 6, 1, 0, 0, 10, 8, 30, 10, 8,
                                                   4, 0, 6, 4, 1, 3, 3, 6, 4, 5, 4, 3, 0};
constexpr std::array<int, 26> k_weights_east{0, 0, 2, 3, 8, 3, 2, 8, 10, 8, 16, 5, 4,
                                             3, 2, 8, 6, 2, 3, 2, 8, 6, 3, 3, 2, 3};
constexpr std::array<int, 26> k_weights_rwanda{0, 0, 2, 0, 4, 0, 0, 0, 1, 4, 30, 12, 6,
                                               6, 1, 2, 4, 1, 5, 6, 8, 4, 8, 8, 8, 3};

constexpr std::array<std::string_view, 5> k_rejections{
    "Duplicate of an earlier submission from the same agent",
    "GPS point outside every programme site; forwarded to the provincial mining division",
    "Not an incident: routine activity recorded by mistake",
    "No answer to two requests for more information",
    "Same event already reported by another agent",
};
constexpr std::array<std::string_view, 4> k_needs_info{
    "Pit number and number of people involved missing",
    "Photo does not show the event described; please describe what was seen",
    "Date of the event unclear",
    "Please confirm the site: the GPS point is at the edge of the concession",
};
constexpr std::array<std::string_view, 4> k_not_implemented{
    "The responsible stakeholder did not act despite two reminders",
    "The site was closed by the provincial mining division for several months",
    "No budget was found for the action; to be re-drafted with the development partner",
    "The cooperative's committee changed and the new one refused the action",
};
constexpr std::array<std::string_view, 4> k_cancellations{
    "Superseded by the provincial child protection plan",
    "Duplicate of an action issued at the previous workshop",
    "The pit concerned was closed and backfilled",
    "Replaced by a broader action agreed with the state services",
};
constexpr std::array<std::string_view, 6> k_progress{
    "Work started; first steps checked by the monitoring agent",
    "Responsible stakeholder reported progress at the workshop",
    "Partly done; follow-up agreed for the next workshop",
    "Materials bought; work planned with the cooperative",
    "Meeting held with the people concerned; attendance list kept",
    "First visit done; next visit planned",
};
constexpr std::array<std::string_view, 5> k_implemented{
    "Completed and checked on site by the monitoring agent",
    "Done; evidence presented at the workshop",
    "Implemented; no new incident of this kind since",
    "Completed; the register is kept up to date",
    "Done and confirmed by the state service",
};

} // namespace

std::span<const SiteSpec> sites()
{
    return k_sites;
}

std::size_t focus_site()
{
    return k_focus_site;
}

const Office& office_for(std::string_view province)
{
    if (province == "Lualaba")
        return k_kolwezi;
    if (province == "Haut-Katanga")
        return k_lubumbashi;
    if (province == "South Kivu" || province == "Maniema")
        return k_bukavu;
    if (province == "North Kivu")
        return k_goma;
    return k_kigali;
}

std::span<const std::string_view> given_names(Region region)
{
    if (region == Region::Rwanda3T)
        return k_rwanda_given;
    return k_drc_given;
}

std::span<const std::string_view> family_names(Region region)
{
    switch (region) {
    case Region::Rwanda3T: return k_rwanda_family;
    case Region::EastDrc3TG: return k_kivu_family;
    case Region::Copperbelt: return k_katanga_family;
    }
    return k_kivu_family;
}

std::span<const DescriptionTemplate> descriptions(std::string_view area)
{
    return area_data(area).descriptions;
}

Affected affected(std::string_view area)
{
    return area_data(area).affected;
}

int base_severity(std::string_view area)
{
    return area_data(area).severity;
}

std::span<const ActionTemplate> action_templates(std::string_view area)
{
    return area_data(area).actions;
}

std::span<const std::string_view> rejection_reasons() { return k_rejections; }
std::span<const std::string_view> needs_info_reasons() { return k_needs_info; }
std::span<const std::string_view> not_implemented_reasons() { return k_not_implemented; }
std::span<const std::string_view> cancellation_reasons() { return k_cancellations; }
std::span<const std::string_view> progress_notes() { return k_progress; }
std::span<const std::string_view> implemented_notes() { return k_implemented; }

std::span<const int> area_weights(Region region)
{
    switch (region) {
    case Region::Rwanda3T: return k_weights_rwanda;
    case Region::EastDrc3TG: return k_weights_east;
    case Region::Copperbelt: return k_weights_copperbelt;
    }
    return k_weights_east;
}

} // namespace mwangaza::app::demo
