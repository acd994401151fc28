package io.embapi.query.project;

import io.embapi.platform.security.Access;
import io.embapi.platform.security.Caller;
import io.embapi.platform.security.Scheme;
import io.embapi.platform.web.ApiException;
import io.embapi.platform.web.Paging;
import io.embapi.query.history.AsOf;
import io.embapi.query.history.HistoryQueries;
import io.embapi.query.user.UserLookup;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads of projects, answered from the {@code project_view} projection. */
@RestController
@RequestMapping("/v1/projects/{user_handle}")
@Tag(name = "projects")
class ProjectQueryController {

    private final QueryGateway queries;
    private final UserLookup users;

    ProjectQueryController(QueryGateway queries, UserLookup users) {
        this.queries = queries;
        this.users = users;
    }

    @GetMapping
    @Access({Scheme.ADMIN, Scheme.OWNER})
    @Operation(summary = "List the projects a user owns or was given access to",
            description = "Ordered by owner, then handle; limit 1..200 (default 10).")
    ProjectListView list(@PathVariable("user_handle") String userHandle,
                         @RequestParam(required = false) Long limit, @RequestParam(required = false) Long offset) {
        Paging paging = Paging.of(limit, offset, 10);
        users.ensureExists(userHandle);
        return new ProjectListView(queries.query(
                new ProjectQueries.ListAccessibleProjects(userHandle, paging.limit(), paging.offset()),
                ResponseTypes.multipleInstancesOf(ProjectSummary.class)).join());
    }

    @GetMapping("/{project_handle}")
    @Access({Scheme.ADMIN, Scheme.OWNER, Scheme.READER})
    @Operation(summary = "Get a project", description = "Owner, admin, members, and anyone when public_read is "
            + "set. shared_with is shown to the owner only. With as_of: the project this owner/handle named then, "
            + "as it was (the linked instance as it is now).")
    ProjectView get(@PathVariable("user_handle") String owner, @PathVariable("project_handle") String projectHandle,
                    @Parameter(description = AsOf.DESCRIPTION) @RequestParam(name = AsOf.PARAMETER, required = false)
                    String asOf, Caller caller) {
        Instant at = AsOf.parse(asOf);
        if (at == null) {
            users.ensureExists(owner);
        }
        ProjectDetails project = (at == null ? find(owner, projectHandle) : findAsOf(owner, projectHandle, at, caller))
                .orElseThrow(() -> ApiException.notFound("user " + owner + "'s project " + projectHandle
                        + " not found"));
        List<ProjectView.SharedUser> sharedWith = caller.isUser(owner) ? sharedWithAsOwnerSeesIt(project) : null;
        ProjectView.InstanceLink instance = project.instanceHandle() == null ? null
                : queries.query(new ProjectQueries.FindInstanceLink(project.instanceOwner(), project.instanceHandle(),
                        caller.kind() == Caller.Kind.USER ? caller.handle() : ""),
                ProjectView.InstanceLink.class).join();
        return new ProjectView(project.projectId(), project.projectHandle(), project.owner(), project.description(),
                project.metadataScheme(), project.publicRead(), sharedWith, instance, roleOf(caller, project),
                project.numberOfEmbeddings());
    }

    @GetMapping("/{project_handle}/shared-with")
    @Access({Scheme.ADMIN, Scheme.OWNER})
    @Operation(summary = "List the users a project is shared with", description = "The owner is not listed.")
    SharedWithView sharedWith(@PathVariable("user_handle") String owner,
                              @PathVariable("project_handle") String projectHandle) {
        ProjectDetails project = find(owner, projectHandle)
                .orElseThrow(() -> ApiException.notFound("project " + owner + "/" + projectHandle + " not found"));
        return new SharedWithView(owner, projectHandle, project.members().stream()
                .filter(m -> !"owner".equals(m.role()))
                .map(m -> new ProjectView.SharedUser(m.userHandle(), m.role()))
                .toList());
    }

    private static List<ProjectView.SharedUser> sharedWithAsOwnerSeesIt(ProjectDetails project) {
        List<ProjectView.SharedUser> sharedWith = new ArrayList<>();
        if (project.publicRead()) {
            sharedWith.add(new ProjectView.SharedUser("*", "reader"));
        }
        project.members().forEach(m -> sharedWith.add(new ProjectView.SharedUser(m.userHandle(), m.role())));
        return sharedWith;
    }

    /**
     * The project {@code owner/projectHandle} named at {@code at}, from the event history. Members and public
     * readers are authorised by the project the name has now, so they see only that project's past.
     */
    private Optional<ProjectDetails> findAsOf(String owner, String projectHandle, Instant at, Caller caller) {
        Optional<HistoryQueries.PastProject> past = queries.query(new HistoryQueries.ProjectAsOf(owner,
                projectHandle, at), ResponseTypes.optionalInstanceOf(HistoryQueries.PastProject.class)).join();
        if (past.isPresent() && caller.scheme() == Scheme.READER && find(owner, projectHandle)
                .map(ProjectDetails::projectId).filter(id -> id == past.get().projectId()).isEmpty()) {
            return Optional.empty();
        }
        return past.map(p -> new ProjectDetails(p.projectId(), p.owner(), p.projectHandle(),
                p.settings().description(), p.settings().metadataScheme(),
                p.settings().instance() == null ? null : p.settings().instance().owner(),
                p.settings().instance() == null ? null : p.settings().instance().handle(),
                p.settings().publicRead(), p.members().stream()
                        .map(m -> new ProjectDetails.Member(m.userHandle(), m.role())).toList(),
                p.numberOfEmbeddings()));
    }

    private Optional<ProjectDetails> find(String owner, String projectHandle) {
        return queries.query(new ProjectQueries.FindProject(owner, projectHandle),
                ResponseTypes.optionalInstanceOf(ProjectDetails.class)).join();
    }

    /**
     * The caller's role: {@code admin}, or the caller's membership role. An anonymous reader of a public project is
     * reported with the project's first membership role ({@code owner}), as the reference does.
     */
    private static String roleOf(Caller caller, ProjectDetails project) {
        if (caller.isAdmin()) {
            return "admin";
        }
        if (caller.isAuditor()) {
            return "auditor";
        }
        if (caller.kind() == Caller.Kind.PUBLIC) {
            return "owner";
        }
        return project.members().stream().filter(m -> m.userHandle().equals(caller.handle()))
                .map(ProjectDetails.Member::role).findFirst().orElse(null);
    }
}
