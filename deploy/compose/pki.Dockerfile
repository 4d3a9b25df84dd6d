# Tools deploy/pki/pki.sh needs: bash, openssl, and a JDK 17 (keytool, and java to run
# deploy/tools' jar, which the host's `mvn package` builds). The script comes from the mounted source tree.
FROM eclipse-temurin:17-jdk
RUN apt-get update \
 && apt-get install -y --no-install-recommends openssl \
 && rm -rf /var/lib/apt/lists/*
