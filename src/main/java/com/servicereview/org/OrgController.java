package com.servicereview.org;

import com.servicereview.security.CurrentUser;
import com.servicereview.web.BadRequestException;
import com.servicereview.web.ForbiddenException;
import com.servicereview.web.NotFoundException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The organisation as the access rule lets the caller see it (OrgAccess): HR and administrators all
 * of it; a line manager the units they head and those below; an employee their own record.
 */
@RestController
@RequestMapping("/api/org")
class OrgController {

    private final OrgRepository org;
    private final OrgAccess access;

    OrgController(OrgRepository org, OrgAccess access) {
        this.org = org;
        this.access = access;
    }

    record UnitView(String id, String parentId, String kind, String nameZh, String nameEn, String headEmployeeId) {
        static UnitView of(OrgUnit u) {
            return new UnitView(u.id(), u.parentId(), u.kind().name(), u.nameZh(), u.nameEn(), u.headEmployeeId());
        }
    }

    record EmployeeView(
            String id,
            String nameZh,
            String nameEn,
            String unitId,
            String supervisorId,
            String role,
            String jobTitle,
            boolean active) {
        static EmployeeView of(Employee e) {
            return new EmployeeView(
                    e.id(),
                    e.nameZh(),
                    e.nameEn(),
                    e.orgUnitId(),
                    e.supervisorId(),
                    e.role().name(),
                    e.jobTitle(),
                    e.active());
        }
    }

    @GetMapping("/units")
    List<UnitView> units() {
        String user = CurrentUser.id();
        return org.units().stream()
                .filter(u -> access.canSeeUnit(user, u.id()))
                .map(UnitView::of)
                .toList();
    }

    /** The people of a unit and of the units below it; without {@code unit}, everyone (HR and administrators). */
    @GetMapping("/employees")
    List<EmployeeView> employees(@RequestParam(required = false) String unit) {
        String user = CurrentUser.id();
        if (unit == null) {
            if (!access.seesEverything(user))
                throw new BadRequestException("unit", "name the unit whose people you want to see");
            return org.employees().stream().map(EmployeeView::of).toList();
        }
        if (org.unit(unit).isEmpty()) throw new NotFoundException("unit", "no unit '" + unit + "'");
        if (!access.canSeeUnit(user, unit)) throw new ForbiddenException("you may not see the people of unit " + unit);
        return org.unitTreeMembers(unit).stream().map(EmployeeView::of).toList();
    }

    @GetMapping("/employees/{id}")
    EmployeeView employee(@PathVariable String id) {
        String user = CurrentUser.id();
        Employee employee = org.findEmployee(id)
                .filter(e -> access.canSeeEmployee(user, e.id()))
                .orElseThrow(() -> access.seesEverything(user)
                        ? new NotFoundException("id", "no employee '" + id + "'")
                        : new ForbiddenException("you may not see employee " + id));
        return EmployeeView.of(employee);
    }
}
