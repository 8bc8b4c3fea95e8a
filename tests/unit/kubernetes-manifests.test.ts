// The Kubernetes manifests (deploy/kubernetes) cannot be applied here (no cluster), so every resource
// kustomization.yaml lists is validated against the Kubernetes schemas (kubernetes-models), and the
// promises the README makes about them are checked: every worker role deployed from the one image,
// probes on /api/health and /api/ready, a grace period longer than the drain, secrets by reference.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse, parseAllDocuments } from 'yaml'

const DIR = 'deploy/kubernetes'
type Resource = { apiVersion: string, kind: string, metadata: { name: string }, spec?: any, data?: Record<string, string> }

const kustomization = parse(readFileSync(join(DIR, 'kustomization.yaml'), 'utf8')) as { resources: string[], images: { name: string }[] }
const resources: Resource[] = kustomization.resources.flatMap(file =>
  parseAllDocuments(readFileSync(join(DIR, file), 'utf8')).map(doc => doc.toJS() as Resource).filter(Boolean))

/** `apps/v1` + Deployment → kubernetes-models/apps/v1/Deployment; core `v1` → kubernetes-models/v1/…. */
async function modelOf(resource: Resource): Promise<new (data: object) => { validate(): void }> {
  const module = await import(`kubernetes-models/${resource.apiVersion}/${resource.kind}`) as Record<string, new (data: object) => { validate(): void }>
  return module[resource.kind]!
}

const deployments = resources.filter(r => r.kind === 'Deployment')
const podSpecs = [...deployments.map(d => d.spec.template.spec), ...resources.filter(r => r.kind === 'Job').map(j => j.spec.template.spec)]
const workerRoles = readdirSync('workers').filter(f => f.endsWith('.ts')).map(f => f.replace(/\.ts$/, ''))

describe('Kubernetes manifests', () => {
  it('are valid against the Kubernetes schemas', async () => {
    expect(resources.length).toBeGreaterThan(0)
    for (const resource of resources) {
      const Model = await modelOf(resource)
      expect(() => new Model(resource).validate(), `${resource.kind} ${resource.metadata.name}`).not.toThrow()
    }
  })

  it('deploy the web role and every worker from the one image, as a non-root user', () => {
    const names = deployments.map(d => d.metadata.name)
    expect(names).toContain('bookify-web')
    for (const role of workerRoles) {
      const worker = deployments.find(d => d.metadata.name === `bookify-${role}`)
      expect(worker, `a Deployment for workers/${role}.ts`).toBeDefined()
      expect(worker!.spec.template.spec.containers[0].command).toEqual(['node', `dist/workers/${role}.mjs`])
    }
    const images = new Set(podSpecs.flatMap(spec => spec.containers.map((c: { image: string }) => c.image)))
    expect([...images]).toEqual([kustomization.images[0]!.name])
    for (const spec of podSpecs) expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 })
  })

  it('probe the web role on /api/health and /api/ready, and give it longer than its drain to stop', () => {
    const web = deployments.find(d => d.metadata.name === 'bookify-web')!.spec.template.spec
    const container = web.containers[0]
    expect(container.livenessProbe.httpGet.path).toBe('/api/health')
    expect(container.readinessProbe.httpGet.path).toBe('/api/ready')
    const drainMs = Number(container.env.find((e: { name: string }) => e.name === 'NITRO_SHUTDOWN_TIMEOUT').value)
    expect(web.terminationGracePeriodSeconds * 1000).toBeGreaterThan(drainMs + container.lifecycle.preStop.sleep.seconds * 1000)
    const hpa = resources.find(r => r.kind === 'HorizontalPodAutoscaler')!
    expect(hpa.spec.scaleTargetRef.name).toBe('bookify-web')
    const pdb = resources.find(r => r.kind === 'PodDisruptionBudget')!
    expect(pdb.spec.selector.matchLabels).toEqual(deployments.find(d => d.metadata.name === 'bookify-web')!.spec.selector.matchLabels)
  })

  it('read secrets by reference only: no secret value in the manifests', () => {
    expect(resources.filter(r => r.kind === 'Secret')).toEqual([])
    const config = resources.find(r => r.kind === 'ConfigMap')!
    for (const key of ['DATABASE_URL', 'REDIS_URL', 'AMQP_URL', 'AUTH_SECRET', 'ENCRYPTION_KEY', 'STRIPE_SECRET_KEY']) expect(config.data).not.toHaveProperty(key)
    for (const spec of podSpecs) expect(spec.containers[0].envFrom).toContainEqual({ secretRef: { name: 'bookify-secrets' } })
  })
})
