package org.trm.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Arrays;

/**
 * The architecture rules shared by every module, each for the module's base package. Types of the
 * frameworks are named, not imported, so that this module depends on ArchUnit alone and a plain
 * jar's tests can use it as well as a Quarkus service's.
 */
public final class ArchitectureRules {
    private static final String PATH = "jakarta.ws.rs.Path";
    private static final String TRANSACTIONAL = "jakarta.transaction.Transactional";
    private static final String PANACHE_REPOSITORY = "io.quarkus.hibernate.orm.panache.PanacheRepositoryBase";
    private static final String ENTITY_MANAGER = "jakarta.persistence.EntityManager";
    private static final String DATA_SOURCE = "javax.sql.DataSource";
    private static final String[] HTTP_METHODS = {"jakarta.ws.rs.GET", "jakarta.ws.rs.POST", "jakarta.ws.rs.PUT",
            "jakarta.ws.rs.DELETE", "jakarta.ws.rs.PATCH"};
    private static final String[] ACCESS = {"jakarta.annotation.security.RolesAllowed",
            "jakarta.annotation.security.PermitAll", "jakarta.annotation.security.DenyAll"};
    private static final DescribedPredicate<JavaConstructorCall> BARE_RUNTIME_EXCEPTION =
            new DescribedPredicate<>("a RuntimeException constructor, other than as a subclass's super call") {
                @Override
                public boolean test(JavaConstructorCall call) {
                    boolean superCall = call.getOrigin() instanceof JavaConstructor
                            && call.getOriginOwner().getRawSuperclass()
                                    .map(s -> s.isEquivalentTo(RuntimeException.class)).orElse(false);
                    return call.getTargetOwner().isEquivalentTo(RuntimeException.class) && !superCall;
                }
            };

    private ArchitectureRules() {
    }

    /** The module's production classes (tests left out), as the rules check them. */
    public static JavaClasses classes(String basePackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    /** Features ({@code <base>.<feature>..}) depend on each other one way only. */
    public static ArchRule noFeatureCycles(String basePackage) {
        return slices().matching(basePackage + ".(*)..").namingSlices("feature $1").should().beFreeOfCycles()
                .because("a feature that depends on another one that depends on it cannot be understood or changed alone");
    }

    /** No package depends on itself through others, inside a feature (rest, service, entities) either. */
    public static ArchRule noPackageCycles(String basePackage) {
        return slices().matching(basePackage + ".(**)").namingSlices("package $1").should().beFreeOfCycles()
                .because("each package can then be read from the ones it uses, never the other way round");
    }

    /** Resources handle HTTP and call a service; the data is the service's. */
    public static ArchRule resourcesDoNotTouchRepositories() {
        return noClasses().that().areAnnotatedWith(PATH).should().dependOnClassesThat()
                .haveSimpleNameEndingWith("Repository")
                .orShould().dependOnClassesThat().areAssignableTo(PANACHE_REPOSITORY)
                .orShould().dependOnClassesThat().areAssignableTo(ENTITY_MANAGER)
                .orShould().dependOnClassesThat().areAssignableTo(DATA_SOURCE)
                .because("a resource makes one service call, and the service owns the data and the transaction");
    }

    /** The service owns the transaction, never the resource. */
    public static ArchRule resourcesDoNotOwnTransactions() {
        return noClasses().that().areAnnotatedWith(PATH).should().dependOnClassesThat().haveFullyQualifiedName(TRANSACTIONAL)
                .because("the service owns the transaction");
    }

    /** Only the REST layer knows the REST records: services take their own commands. */
    public static ArchRule servicesDoNotDependOnRest() {
        return noClasses().that().resideOutsideOfPackage("..rest..").should().dependOnClassesThat()
                .resideInAPackage("..rest..")
                .because("services take their own command records, which the REST input maps to");
    }

    /** The federation's contract is a plain jar that a partner can use without Quarkus. */
    public static ArchRule importsNothingFromQuarkus() {
        return noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.quarkus..", "io.smallrye..", "jakarta.enterprise..")
                .because("the contract must be usable by partners without the services' framework");
    }

    /**
     * A failure is a typed exception that says what went wrong: no class creates a RuntimeException
     * itself (with any constructor); only a subclass's constructor calls it, as its {@code super}.
     */
    public static ArchRule noBareRuntimeException() {
        return noClasses().should().callConstructorWhere(BARE_RUNTIME_EXCEPTION)
                .because("a bare RuntimeException carries no problem code and ends as an unexplained 500");
    }

    /**
     * Deny by default, stated where it is read: every endpoint method, or its class, says who may
     * call it ({@code @RolesAllowed}, or {@code @PermitAll} where another check stands in front).
     */
    public static ArchRule endpointsDeclareWhoMayCall() {
        return methods().that().areDeclaredInClassesThat().areAnnotatedWith(PATH).and().arePublic()
                .and(annotatedWithAny(HTTP_METHODS))
                .should(new ArchCondition<JavaMethod>("declare who may call it") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        boolean declared = Arrays.stream(ACCESS).anyMatch(a -> method.isAnnotatedWith(a)
                                || method.getOwner().isAnnotatedWith(a));
                        if (!declared) {
                            events.add(SimpleConditionEvent.violated(method,
                                    method.getFullName() + " states no @RolesAllowed, @PermitAll or @DenyAll"));
                        }
                    }
                })
                .because("an endpoint nobody thought about must not be open to everyone");
    }

    private static DescribedPredicate<JavaMethod> annotatedWithAny(String... names) {
        return new DescribedPredicate<>("are annotated with an HTTP method") {
            @Override
            public boolean test(JavaMethod method) {
                return Arrays.stream(names).anyMatch(method::isAnnotatedWith);
            }
        };
    }
}
