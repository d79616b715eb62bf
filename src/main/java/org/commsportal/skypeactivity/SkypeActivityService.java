package org.commsportal.skypeactivity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.commsportal.security.Roles;
import org.commsportal.tenant.CurrentTenant;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** The signed-in tenant's Skype for Business activity (docs/skype-for-business-activity.md). */
@Service
public class SkypeActivityService {

    private final ActivityPartyDayRepository repository;
    private final CurrentTenant currentTenant;

    SkypeActivityService(ActivityPartyDayRepository repository, CurrentTenant currentTenant) {
        this.repository = repository;
        this.currentTenant = currentTenant;
    }

    /** Every UTC day of [from, to], days without a session included, oldest first. */
    @PreAuthorize(Roles.READ_CHARTS)
    public List<ActivityDay> days(LocalDate from, LocalDate to) {
        Map<LocalDate, ActivityDay> stored = repository.days(currentTenant.id(), from, to).stream()
                .collect(Collectors.toMap(ActivityDay::day, Function.identity()));
        List<ActivityDay> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.add(stored.getOrDefault(day, ActivityDay.none(day)));
        }
        return days;
    }

    /** The conferences the tenant's users organized, every UTC day of [from, to], oldest first. */
    @PreAuthorize(Roles.READ_CHARTS)
    public List<ConferenceDay> organizedDays(LocalDate from, LocalDate to) {
        return everyDay(repository.conferenceDays(currentTenant.id(), PartyDay.Kind.ORGANIZED, from, to), from, to);
    }

    /** The conferences the tenant's users took part in, every UTC day of [from, to], oldest first. */
    @PreAuthorize(Roles.READ_CHARTS)
    public List<ConferenceDay> participatedDays(LocalDate from, LocalDate to) {
        return everyDay(repository.conferenceDays(currentTenant.id(), PartyDay.Kind.PARTICIPATED, from, to), from, to);
    }

    private static List<ConferenceDay> everyDay(List<ConferenceDay> stored, LocalDate from, LocalDate to) {
        Map<LocalDate, ConferenceDay> byDay =
                stored.stream().collect(Collectors.toMap(ConferenceDay::day, Function.identity()));
        List<ConferenceDay> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.add(byDay.getOrDefault(day, ConferenceDay.none(day)));
        }
        return days;
    }

    /**
     * The figures of these users of the signed-in tenant over [from, until); users without activity are absent.
     * Other tenants' ids find nothing.
     */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    public Map<Long, UserActivityFigures> users(Collection<Long> userIds, LocalDate from, LocalDate until) {
        return repository.users(currentTenant.id(), userIds, from, until);
    }
}
