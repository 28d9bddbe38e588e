package com.servicereview.submission;

import com.servicereview.web.BadRequestException;
import com.servicereview.web.ConflictException;
import jakarta.ws.rs.core.Response.Status;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AddCommentCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTaskCommentCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.UpdateCommentCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Every client of the engine is treated as hostile: the engine's REST API and the web apps' copy of
 * it are open to every logged-in user, and a task's {@code TASK_WORK} permission lets its assignee
 * complete it with any variables. This engine command interceptor therefore sees every command,
 * whatever its entry point (Tasklist, {@code /engine-rest}, {@code /camunda/api/engine}, Java):
 * <ul>
 * <li>a task completion ({@code complete}, {@code submit-form}) may carry only the input fields its
 * deployed form declares, as plain values of a bounded size; the values are handed to the task's
 * {@code complete} listener ({@link Submitted}) and never become process variables;</li>
 * <li>a start by a user may carry only its start form's fields (and the documented extras);</li>
 * <li>participants may not set or delete variables by any other command, may not start a process
 * in the middle, and may comment only on tasks they can read;</li>
 * <li>a refusal from our listeners answers 400 (409 for a conflict) with its reason, and a
 * completion that clashes with a parallel one is retried, not answered with a 500.</li>
 * </ul>
 * Administrators keep the engine's own repair tools (variables, modification) for operations.
 */
@Component
public class SubmissionGuard extends AbstractProcessEnginePlugin {

    /** Upper bound of one text field (comments, explanations, facts); documented in the README. */
    public static final int MAX_TEXT_LENGTH = 20_000;

    private static final int ATTEMPTS = 3;
    private static final Set<ValueType> PLAIN = Set.of(
            ValueType.STRING,
            ValueType.INTEGER,
            ValueType.LONG,
            ValueType.SHORT,
            ValueType.DOUBLE,
            ValueType.BOOLEAN,
            ValueType.NULL);

    private final Map<String, Set<String>> extraStartVariables;
    private final DeclaredFields declared = new DeclaredFields();

    public SubmissionGuard(StartVariables startVariables) {
        this.extraStartVariables = startVariables.extra();
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
                ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
        interceptors.add(new Interceptor(configuration));
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }

    private final class Interceptor extends CommandInterceptor {
        private final ProcessEngineConfigurationImpl configuration;

        Interceptor(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        @Override
        public <T> T execute(Command<T> command) {
            // A command issued inside another one comes from our own code or the engine (a listener
            // writing a comment, a cycle starting reviews), not from a client: only entry points are checked.
            boolean entryPoint = Context.getCommandContext() == null;
            Authentication user =
                    entryPoint ? configuration.getIdentityService().getCurrentAuthentication() : null;
            boolean participant = user != null && !user.getGroupIds().contains(Groups.CAMUNDA_ADMIN);
            if (command instanceof ResolveTaskCmd) {
                if (!variablesOf(command).isEmpty()) throw refused(null, "resolving a task cannot set variables");
                return next.execute(command);
            }
            if (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd) return completion(command);
            if (command instanceof StartProcessInstanceCmd start) {
                ProcessInstantiationBuilderImpl builder = field(start, "instantiationBuilder");
                return guarded(context -> {
                    if (user != null) {
                        checkStart(
                                context,
                                definition(
                                        context, builder.getProcessDefinitionId(), builder.getProcessDefinitionKey()),
                                builder.getVariables());
                    }
                    return command.execute(context);
                });
            }
            if (command instanceof SubmitStartFormCmd start) {
                return guarded(context -> {
                    if (user != null)
                        checkStart(
                                context,
                                definition(context, field(start, "processDefinitionId"), null),
                                field(start, "variables"));
                    return command.execute(context);
                });
            }
            if (participant) refuseForParticipants(command, user);
            return next.execute(command);
        }

        private void refuseForParticipants(Command<?> command, Authentication user) {
            if (command instanceof AbstractVariableCmd
                    || command instanceof AbstractPatchVariablesCmd
                    || command instanceof SetVariablesToProcessInstancesBatchCmd) {
                throw new AuthorizationException(user.getUserId() + " may not set or delete variables: a task's "
                        + "form fields are set by completing the task");
            }
            if (command instanceof StartProcessInstanceAtActivitiesCmd) {
                throw new AuthorizationException(user.getUserId() + " may not start a process in the middle");
            }
            if (command instanceof AddCommentCmd
                    || command instanceof UpdateCommentCmd
                    || command instanceof DeleteTaskCommentCmd) {
                String taskId = field(command, "taskId");
                if (taskId != null
                        && configuration
                                        .getTaskService()
                                        .createTaskQuery()
                                        .taskId(taskId)
                                        .count()
                                == 0) {
                    throw new AuthorizationException(
                            user.getUserId() + " may not comment on task " + taskId + ", which they cannot read");
                }
            }
        }

        /** Checks the fields, holds the values for the complete listener, and completes without variables. */
        private <T> T completion(Command<T> command) {
            String taskId = field(command, "taskId");
            Map<String, Object> variables = variablesOf(command);
            boolean returnVariables = field(command, "returnVariables");
            boolean deserialize = command instanceof CompleteTaskCmd
                    ? field(command, "deserializeReturnedVariables")
                    : field(command, "deserializeValues");
            @SuppressWarnings("unchecked")
            Command<T> bare = (Command<T>)
                    (command instanceof CompleteTaskCmd
                            ? new CompleteTaskCmd(taskId, null, returnVariables, deserialize)
                            : new SubmitTaskFormCmd(taskId, Variables.createVariables(), returnVariables, deserialize));
            try {
                return guarded(context -> {
                    TaskEntity task = context.getTaskManager().findTaskById(taskId);
                    if (task == null)
                        throw new SubmissionRefused(Status.NOT_FOUND, "taskId", "there is no open task " + taskId);
                    Map<String, Object> values = plainValues(
                            variables, declared.ofTask(context, task).keySet(), task.getTaskDefinitionKey());
                    Submitted.hold(taskId, values);
                    try {
                        return bare.execute(context);
                    } finally {
                        Submitted.release(taskId);
                    }
                });
            } catch (SubmissionRefused refusal) {
                throw labelled(refusal, taskId);
            } catch (AuthorizationException e) {
                throw e;
            } catch (RuntimeException e) {
                // A parallel completion that won the race can leave this one failing in the engine's own
                // code (its execution is gone): when the task is gone too, that is a conflict, not a 500.
                if (next.execute(context -> context.getTaskManager().findTaskById(taskId)) == null) {
                    throw new SubmissionRefused(
                            Status.CONFLICT, "taskId", "task " + taskId + " was completed by someone else meanwhile");
                }
                throw e;
            }
        }

        /** Runs the command in its own transaction, retrying clashes and translating refusals. */
        private <T> T guarded(Command<T> command) {
            for (int attempt = 1; ; attempt++) {
                try {
                    return next.execute(command);
                } catch (OptimisticLockingException clash) {
                    if (attempt == ATTEMPTS) {
                        throw new SubmissionRefused(
                                Status.CONFLICT,
                                null,
                                "someone changed this review at the same moment; please try again");
                    }
                } catch (SubmissionRefused | AuthorizationException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw translated(e);
                }
            }
        }

        /** A refusal naming a form field says it as the form labels it, in Chinese and English. */
        private SubmissionRefused labelled(SubmissionRefused refusal, String taskId) {
            if (refusal.field() == null) return refusal;
            String label = next.execute(context -> {
                TaskEntity task = context.getTaskManager().findTaskById(taskId);
                return task == null ? null : declared.ofTask(context, task).get(refusal.field());
            });
            return label == null
                    ? refusal
                    : new SubmissionRefused(refusal.getStatus(), refusal.field(), "「" + label + "」" + refusal.reason());
        }

        /** A start may carry its start form's fields and the documented extras, as plain values. */
        private void checkStart(
                CommandContext context, ProcessDefinitionEntity definition, Map<String, Object> variables) {
            Set<String> formFields =
                    declared.ofStart(context, definition.getId()).keySet();
            Set<String> extra = extraStartVariables.getOrDefault(definition.getKey(), Set.of());
            Map<String, Object> given = variables == null ? Map.of() : variables;
            for (String name : given.keySet()) {
                if (!formFields.contains(name) && !extra.contains(name)) {
                    throw refused(name, "is not a field of the start form of " + definition.getKey());
                }
            }
            plainValues(given, given.keySet(), definition.getKey());
        }
    }

    /** The submitted values as plain Java values, after checking each name, type and size. */
    private static Map<String, Object> plainValues(Map<String, Object> variables, Set<String> allowed, String where) {
        Map<String, Object> values = new LinkedHashMap<>();
        VariableMap typed = Variables.fromMap(variables);
        for (String name : typed.keySet()) {
            if (!allowed.contains(name)) throw refused(name, "is not a field of the form of " + where);
            TypedValue value = typed.getValueTyped(name);
            if (value != null && value.getType() != null && !PLAIN.contains(value.getType())) {
                throw refused(
                        name,
                        "must be a plain value (text, number or true/false), not "
                                + value.getType().getName());
            }
            Object plain = value == null ? null : value.getValue();
            if (plain != null && !(plain instanceof String || plain instanceof Number || plain instanceof Boolean)) {
                throw refused(name, "must be a plain value (text, number or true/false)");
            }
            if (plain instanceof String text && text.length() > MAX_TEXT_LENGTH) {
                throw refused(
                        name, "is " + text.length() + " characters long; at most " + MAX_TEXT_LENGTH + " are accepted");
            }
            values.put(name, plain);
        }
        return values;
    }

    /** Our listeners' refusals, wrapped by the engine on their way out, as 400 or 409 with their reason. */
    private static RuntimeException translated(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SubmissionRefused refusal) return refusal;
            if (cause instanceof BadRequestException bad)
                return new SubmissionRefused(Status.BAD_REQUEST, bad.field(), bad.getMessage());
            if (cause instanceof ConflictException conflict)
                return new SubmissionRefused(Status.CONFLICT, conflict.field(), conflict.getMessage());
        }
        return e;
    }

    private static SubmissionRefused refused(String field, String message) {
        return new SubmissionRefused(Status.BAD_REQUEST, field, message);
    }

    private static Map<String, Object> variablesOf(Command<?> command) {
        Map<String, Object> variables =
                field(command, command instanceof SubmitTaskFormCmd ? "properties" : "variables");
        return variables == null ? Map.of() : variables;
    }

    private static ProcessDefinitionEntity definition(CommandContext context, String id, String key) {
        DeploymentCache cache = context.getProcessEngineConfiguration().getDeploymentCache();
        return id != null
                ? cache.findDeployedProcessDefinitionById(id)
                : cache.findDeployedLatestProcessDefinitionByKey(key);
    }

    /**
     * The engine's commands keep their arguments in protected fields without getters. Reading them
     * is tied to the engine version; the guard's tests fail loudly if a field moves.
     */
    @SuppressWarnings("unchecked")
    private static <V> V field(Object command, String name) {
        for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return (V) field.get(command);
            } catch (NoSuchFieldException e) {
                // declared further up
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(command.getClass().getName() + " has no field " + name);
    }

    /**
     * The variables a start may carry besides its start form's fields, per process key, from
     * {@code service-review.integrity.extra-start-variables} (comma-separated names).
     */
    @Component
    public static class StartVariables {
        private final Map<String, Set<String>> extra;

        StartVariables(Environment environment) {
            Map<String, Set<String>> sets = new LinkedHashMap<>();
            Binder.get(environment)
                    .bind("service-review.integrity.extra-start-variables", Bindable.mapOf(String.class, String.class))
                    .orElse(Map.of())
                    .forEach((key, names) -> sets.put(key, Set.of(names.trim().split("\\s*,\\s*"))));
            this.extra = Map.copyOf(sets);
        }

        Map<String, Set<String>> extra() {
            return extra;
        }
    }
}
