# A Node.js web service: dependencies installed as root into /usr/src/app,
# listening on port 80, started by npm.
FROM node:20-bookworm-slim

ENV NODE_ENV=production
WORKDIR /usr/src/app

COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

COPY . .
RUN mkdir -p uploads logs

EXPOSE 80
CMD ["npm", "start"]
