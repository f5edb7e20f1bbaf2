#include "core/Error.hpp"
#include "core/Lifecycle.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <utility>

using namespace mwangaza;
using namespace mwangaza::core;
using I = IncidentStatus;
using A = ActionStatus;

TEST_CASE("incident lifecycle: every pair of statuses is legal or refused as listed", "[lifecycle]")
{
    const std::set<std::pair<I, I>> legal{
        {I::New, I::InReview}, {I::InReview, I::Verified}, {I::InReview, I::Rejected},
        {I::InReview, I::NeedsInfo}, {I::NeedsInfo, I::InReview}};
    int legal_seen = 0, illegal_seen = 0;
    for (auto from : all_incident_statuses())
        for (auto to : all_incident_statuses()) {
            INFO(status_code(from) << " -> " << status_code(to));
            if (legal.count({from, to})) {
                CHECK_NOTHROW(check_transition(from, to, "checked with the agent"));
                ++legal_seen;
            } else {
                CHECK_THROWS_AS(check_transition(from, to, "any reason"), IllegalTransition);
                CHECK_FALSE(find_transition(from, to));
                ++illegal_seen;
            }
        }
    CHECK(legal_seen == 5);
    CHECK(illegal_seen == 20);
}

TEST_CASE("rejecting an incident needs a reason", "[lifecycle]")
{
    CHECK_THROWS_AS(check_transition(I::InReview, I::Rejected), IllegalTransition);
    CHECK_THROWS_AS(check_transition(I::InReview, I::Rejected, "   "), IllegalTransition);
    CHECK_NOTHROW(check_transition(I::InReview, I::Rejected, "duplicate of a submission"));
    CHECK_NOTHROW(check_transition(I::InReview, I::Verified));
    CHECK_NOTHROW(check_transition(I::InReview, I::NeedsInfo));
}

TEST_CASE("action lifecycle: every pair of statuses is legal or refused as listed", "[lifecycle]")
{
    const std::set<std::pair<A, A>> legal{
        {A::Draft, A::Issued},          {A::Draft, A::Cancelled},         {A::Issued, A::InProgress},
        {A::Issued, A::NotImplemented}, {A::Issued, A::Cancelled},        {A::InProgress, A::Implemented},
        {A::InProgress, A::NotImplemented}, {A::InProgress, A::Cancelled}};
    const std::set<A> need_reason{A::NotImplemented, A::Cancelled};
    int legal_seen = 0, illegal_seen = 0;
    for (auto from : all_action_statuses())
        for (auto to : all_action_statuses()) {
            INFO(status_code(from) << " -> " << status_code(to));
            if (legal.count({from, to})) {
                ++legal_seen;
                CHECK_NOTHROW(check_transition(from, to, "stakeholder withdrew"));
                if (need_reason.count(to))
                    CHECK_THROWS_AS(check_transition(from, to, ""), IllegalTransition);
                else
                    CHECK_NOTHROW(check_transition(from, to, ""));
            } else {
                ++illegal_seen;
                CHECK_THROWS_AS(check_transition(from, to, "any reason"), IllegalTransition);
            }
        }
    CHECK(legal_seen == 8);
    CHECK(illegal_seen == 28);
}

TEST_CASE("status codes round-trip; progressing means in progress or implemented", "[lifecycle]")
{
    for (auto s : all_incident_statuses())
        CHECK(incident_status_from_code(status_code(s)) == s);
    for (auto s : all_action_statuses())
        CHECK(action_status_from_code(status_code(s)) == s);
    CHECK_FALSE(incident_status_from_code("closed"));
    CHECK_FALSE(action_status_from_code("done"));
    std::set<A> progressing;
    for (auto s : all_action_statuses())
        if (is_progressing(s))
            progressing.insert(s);
    CHECK(progressing == std::set<A>{A::InProgress, A::Implemented});
}
